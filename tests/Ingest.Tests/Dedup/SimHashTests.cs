using Monitor.Ingest.Dedup;

namespace Monitor.Ingest.Tests.Dedup;

public sealed class SimHashTests
{
    internal const string Original =
        "我们是A市A3区杜鹃文苑小区的业主，小区外一家汽车检测站正在装修施工，不日即将开业。检测站紧挨住宅楼和幼儿园，" +
        "每天大量车辆排队检测，尾气和噪音严重影响居民生活，而且存在安全隐患。请市环保局、市安监局和A3区政府尽快调查，" +
        "依法核查该检测站的环评和审批手续，给小区业主一个答复。";

    [Fact]
    public void IdenticalTextsHaveTheSameFingerprint() =>
        Assert.Equal(SimHash.OfText(Original), SimHash.OfText(string.Concat(Original)));

    [Fact]
    public void WhitespaceAndPunctuationChangesDoNotChangeTheFingerprint() =>
        Assert.Equal(SimHash.OfText(Original), SimHash.OfText(Original.Replace("，", " , ", StringComparison.Ordinal).Replace("。", "!\n", StringComparison.Ordinal)));

    [Theory]
    [InlineData("转发：")]
    [InlineData("【扩散】")]
    public void ARepostWithAPrefixIsWithinThreeBits(string prefix) =>
        Assert.InRange(SimHash.Distance(SimHash.OfText(Original), SimHash.OfText(prefix + Original)), 0, NearDuplicateIndex.MaxDistance);

    [Fact]
    public void UnrelatedTextsAreFarApart()
    {
        const string Other = "市图书馆自下周一起延长开放时间，周一至周日上午九点至晚上九点开放，读者可凭身份证或读者证入馆，少儿阅览室周一闭馆。";
        Assert.True(SimHash.Distance(SimHash.OfText(Original), SimHash.OfText(Other)) > 10);
    }

    [Fact]
    public void TokenListsAreFingerprintedAsGiven()
    {
        var tokens = new[] { "小区", "检测站", "噪音", "检测站" };
        Assert.Equal(SimHash.Of(tokens), SimHash.Of([.. tokens]));
        Assert.NotEqual(SimHash.Of(tokens), SimHash.Of(["图书馆", "开放", "时间"]));
        Assert.Equal(0UL, SimHash.Of([]));
    }

    [Fact]
    public void DistanceCountsDifferingBits()
    {
        Assert.Equal(0, SimHash.Distance(42, 42));
        Assert.Equal(64, SimHash.Distance(0, ulong.MaxValue));
        Assert.Equal(3, SimHash.Distance(0b1011, 0b0000));
    }
}
