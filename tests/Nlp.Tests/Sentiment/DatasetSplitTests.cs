using Monitor.Nlp.Sentiment;

namespace Monitor.Nlp.Tests.Sentiment;

public sealed class DatasetSplitTests
{
    [Fact]
    public void HashIsFnv1a64OfTheUtf8Bytes()
    {
        // Published FNV-1a 64 test vectors.
        Assert.Equal(0xcbf29ce484222325UL, DatasetSplit.StableHash(string.Empty));
        Assert.Equal(0xaf63dc4c8601ec8cUL, DatasetSplit.StableHash("a"));
        Assert.Equal(0x85944171f73967e8UL, DatasetSplit.StableHash("foobar"));
    }

    [Fact]
    public void SplitIsStableAcrossCalls()
    {
        var texts = Enumerable.Range(0, 1000).Select(i => $"评论{i}：服务很好").ToList();

        var first = texts.Select(DatasetSplit.IsValidation).ToList();
        var second = texts.Select(DatasetSplit.IsValidation).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void AboutATenthOfTheRowsAreValidation()
    {
        var validation = Enumerable.Range(0, 10_000).Count(i => DatasetSplit.IsValidation($"评论{i}"));

        Assert.InRange(validation, 850, 1150);
    }
}
