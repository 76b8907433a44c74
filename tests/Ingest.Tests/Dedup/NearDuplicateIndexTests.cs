using Monitor.Ingest.Dedup;

namespace Monitor.Ingest.Tests.Dedup;

public sealed class NearDuplicateIndexTests
{
    [Fact]
    public void RepostsWithSmallEditsJoinTheFirstPostsCluster()
    {
        var index = new NearDuplicateIndex();
        var first = index.Add("m1", SimHash.OfText(SimHashTests.Original));
        var repost = index.Add("m2", SimHash.OfText("转发：" + SimHashTests.Original));
        var repunctuated = index.Add("m3", SimHash.OfText(SimHashTests.Original.Replace("，", " ", StringComparison.Ordinal)));

        Assert.True(first.StartsCluster);
        Assert.Equal("m1", first.ClusterId);
        Assert.Equal(("m1", "m1"), (repost.ClusterId, repost.NearestItemId));
        Assert.Equal("m1", repunctuated.ClusterId);
        Assert.Equal(3, index.Count);
    }

    [Fact]
    public void UnrelatedTextsStartTheirOwnClusters()
    {
        var index = new NearDuplicateIndex();
        index.Add("m1", SimHash.OfText(SimHashTests.Original));
        var other = index.Add("m2", SimHash.OfText("市图书馆自下周一起延长开放时间，周一至周日上午九点至晚上九点开放，读者可凭身份证或读者证入馆。"));

        Assert.True(other.StartsCluster);
        Assert.Equal("m2", other.ClusterId);
    }

    [Fact]
    public void AddingTheSameItemAgainKeepsItsCluster()
    {
        var index = new NearDuplicateIndex();
        index.Add("a", 0xFFFF_0000_FFFF_0000);
        index.Add("b", 0xFFFF_0000_FFFF_0001);
        Assert.Equal("a", index.Add("b", 0).ClusterId);
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void APersistedClusterIsRestoredAsGiven()
    {
        var index = new NearDuplicateIndex();
        index.Add("old", 0x1234_5678_9ABC_DEF0, knownClusterId: "cluster-7");
        Assert.Equal("cluster-7", index.Add("new", 0x1234_5678_9ABC_DEF1).ClusterId);
    }

    [Fact]
    public void AFullIndexForgetsItsOlderHalfAndStillLinksToTheItemsItKept()
    {
        var index = new NearDuplicateIndex(capacity: 4);
        index.Add("a", 0x0000_0000_0000_0000);
        index.Add("b", 0x1111_1111_1111_1111);
        index.Add("c", 0x2222_2222_2222_2222, knownClusterId: "campaign");
        index.Add("d", 0x3333_3333_3333_3333);
        Assert.Equal(4, index.Count);

        // Full: adding a fifth keeps the newest two (c, d) and the new one.
        var e = index.Add("e", 0x4444_4444_4444_4444);
        Assert.True(e.StartsCluster);
        Assert.Equal(3, index.Count);

        Assert.Null(index.Find(0x0000_0000_0000_0001));
        Assert.Null(index.Find(0x1111_1111_1111_1110));
        Assert.Equal("campaign", index.Find(0x2222_2222_2222_2223)?.ClusterId);
        Assert.Equal("d", index.Add("f", 0x3333_3333_3333_3330).ClusterId);
        Assert.Equal("campaign", index.Add("c", 0).ClusterId);
    }

    [Fact]
    public void TenThousandItemsAreFoundWithinThreeBitsAndNotBeyond()
    {
        var random = new Random(20240301);
        var index = new NearDuplicateIndex();
        var fingerprints = new ulong[10_000];
        for (var i = 0; i < fingerprints.Length; i++)
        {
            fingerprints[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
            index.Add("i" + i, fingerprints[i]);
        }

        for (var i = 0; i < fingerprints.Length; i += 7)
        {
            var flips = i % 4;
            var near = fingerprints[i];
            foreach (var bit in Enumerable.Range(0, 64).OrderBy(_ => random.Next()).Take(flips))
            {
                near ^= 1UL << bit;
            }

            var match = index.Find(near);
            Assert.NotNull(match);
            Assert.Equal("i" + i, match.ClusterId);
            Assert.Equal(flips, match.Distance);

            var far = fingerprints[i] ^ 0b1111UL << (i % 60);
            Assert.True(index.Find(far) is null || index.Find(far)!.ClusterId != "i" + i);
        }
    }
}
