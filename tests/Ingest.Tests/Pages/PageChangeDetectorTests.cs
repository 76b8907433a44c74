using Monitor.Ingest.Pages;

namespace Monitor.Ingest.Tests.Pages;

public sealed class PageChangeDetectorTests
{
    private static PageSnapshot Snapshot(string title, string body, int images = 0, string? removal = null) => new()
    {
        Url = new Uri("https://mp.weixin.qq.com/s/x"),
        Layout = PageLayout.WeChatArticle,
        Charset = "utf-8",
        Title = title,
        Body = body,
        ImageCount = images,
        ContentHash = PageReader.Hash(title, body, images),
        RemovalNotice = removal,
    };

    [Fact]
    public void APageSeenForTheFirstTimeIsNew()
    {
        var change = PageChangeDetector.Detect(null, PageFetchResult.Read(Snapshot("通知", "正文")));
        Assert.Equal(PageChangeKind.New, change.Kind);
        Assert.NotNull(change.Current);
    }

    [Fact]
    public void TheSameContentIsUnchanged()
    {
        var change = PageChangeDetector.Detect(Snapshot("通知", "正文"), PageFetchResult.Read(Snapshot("通知", "正文")));
        Assert.Equal(PageChangeKind.Unchanged, change.Kind);
    }

    [Fact]
    public void AnEditedTitleAndBodyAreSummarised()
    {
        var before = Snapshot("关于停水的通知", "第一段\n停水时间为3月1日\n第三段", images: 1);
        var after = Snapshot("关于停水的通知（更正）", "第一段\n停水时间为3月2日\n第三段", images: 2);

        var change = PageChangeDetector.Detect(before, PageFetchResult.Read(after));

        Assert.Equal(PageChangeKind.Edited, change.Kind);
        Assert.True(change.TitleChanged);
        Assert.True(change.BodyChanged);
        Assert.Equal(1, change.LinesAdded);
        Assert.Equal(1, change.LinesRemoved);
        Assert.Equal(
            "title: '关于停水的通知' → '关于停水的通知（更正）'; body: 1 lines removed, 1 added (17 → 17 chars); was '停水时间为3月1日'; now '停水时间为3月2日'; images: 1 → 2",
            change.Summary);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(410)]
    public void NotFoundAndGoneMeanDeleted(int status)
    {
        var change = PageChangeDetector.Detect(Snapshot("通知", "正文"), PageFetchResult.Failed(status));
        Assert.Equal(PageChangeKind.Deleted, change.Kind);
        Assert.Contains($"HTTP {status}", change.Summary, StringComparison.Ordinal);
        Assert.Contains("last seen as '通知'", change.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ARemovalNoticeInPlaceOfTheArticleMeansDeleted()
    {
        var change = PageChangeDetector.Detect(Snapshot("通知", "正文"), PageFetchResult.Read(Snapshot("", "", removal: "该内容已被发布者删除")));
        Assert.Equal(PageChangeKind.Deleted, change.Kind);
        Assert.Contains("该内容已被发布者删除", change.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(500)]
    [InlineData(503)]
    public void OtherFailuresAreNotConclusive(int status)
    {
        var change = PageChangeDetector.Detect(Snapshot("通知", "正文"), PageFetchResult.Failed(status));
        Assert.Equal(PageChangeKind.Unavailable, change.Kind);
        Assert.Null(change.Current);
    }
}
