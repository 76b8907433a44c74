using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MiniExcelLibs;
using Monitor.Jobs.Alerts;
using Monitor.Jobs.Briefs;
using Monitor.Jobs.Tests.Alerts;

namespace Monitor.Jobs.Tests.Briefs;

public sealed partial class BriefTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 25, 0, 0, 0, TimeSpan.FromHours(8));

    private static readonly BriefPeriod Daily = new(BriefKind.Daily, Day, Day.AddDays(1));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FiguresMatchTheStoreAndLinkToTheMessagesBehindThem()
    {
        using var world = new AlertWorld();
        await world.AddAsync(Day.AddHours(10), 12, negative: 5);
        await world.AddAsync(Day.AddHours(-14), 4, negative: 1, topic: "交通");

        var brief = await Builder(world).BuildAsync(Daily, Token);
        var html = BriefHtml.Render(brief, null);

        Assert.Equal(new BriefVolume(12, 7, 5), brief.Volume);
        Assert.Equal(new BriefVolume(4, 3, 1), brief.PreviousVolume);
        Assert.Equal(new BriefTopic("城建", 12, 0, 5), Assert.Single(brief.Topics));
        Assert.Contains(
            "<a href=\"/search?q=&amp;from=2026-11-25T00%3A00%3A00%2B08%3A00&amp;to=2026-11-26T00%3A00%3A00%2B08%3A00&amp;sentiment=negative\">5</a>",
            html, StringComparison.Ordinal);
        Assert.Contains("<td>分析留言总量</td><td><a href=\"/search?q=&amp;from=2026-11-25T00%3A00%3A00%2B08%3A00&amp;to=2026-11-26T00%3A00%3A00%2B08%3A00\">12</a></td>", html, StringComparison.Ordinal);
        Assert.Contains("+8（+200.0%）", html, StringComparison.Ordinal);
        Assert.Equal(10, brief.Cases.Count);
    }

    [Fact]
    public async Task A涉黑ReportsWordsAndReporterStayOutOfTheBriefButItsCaseIsListed()
    {
        using var world = new AlertWorld();
        await world.AddAsync(Day.AddHours(10), 4, text: "村霸 强占 土地 保护伞", service: "涉黑举报");
        await world.AddAsync(Day.AddHours(11), 5);

        var brief = await Builder(world).BuildAsync(Daily, Token);
        var html = BriefHtml.Render(brief, null);

        Assert.Equal(9, brief.Cases.Count);
        Assert.Equal(4, brief.Cases.Count(c => c.Author is null));
        Assert.Equal(5, brief.Cases.Count(c => c.Author is not null));
        Assert.Contains(brief.Keywords, k => k.Term == "拆迁");
        Assert.DoesNotContain(brief.Keywords, k => k.Term is "村霸" or "保护伞");
        Assert.DoesNotContain(brief.HotTerms, h => h.Term is "村霸" or "保护伞");
        Assert.DoesNotContain("村霸", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoRunsOnTheSameDataWriteTheSameBytes()
    {
        using var world = new AlertWorld(AlertWorld.Keyword("chaiqian", "拆迁"));
        await world.AddAsync(Day.AddHours(14), 9, negative: 3);
        world.Clock.Now = Day.AddHours(15).AddMinutes(5);
        await world.Evaluator.EvaluateAsync(Token);

        var first = await File.ReadAllBytesAsync(await Writer(world, "one").WriteAsync(Daily, Token), Token);
        var second = await File.ReadAllBytesAsync(await Writer(world, "two").WriteAsync(Daily, Token), Token);

        Assert.Equal(first, second);
        Assert.Contains("&#39;拆迁&#39; 今日 14:00–15:00 9 条", System.Text.Encoding.UTF8.GetString(first), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostileTextFromTheStoreIsEncoded()
    {
        using var world = new AlertWorld();
        await world.AddAsync(Day.AddHours(9), 3, text: "<script>alert(1)</script> 拆迁", topic: "<b onmouseover=x>话题</b>");

        var html = BriefHtml.Render(await Builder(world).BuildAsync(Daily, Token), null);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b ", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b onmouseover=x&gt;话题&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.All(TagPattern().Matches(html), m => Assert.Contains(m.Groups[1].Value, (string[])["html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "table", "tr", "th", "td", "a", "ul", "li"]));
    }

    [Fact]
    public async Task TheWriterLeavesDatedHtmlAndWorkbookInTheBriefsFolder()
    {
        using var world = new AlertWorld();
        await world.AddAsync(Day.AddHours(10), 2);
        var writer = Writer(world, "data");

        var html = await writer.WriteAsync(BriefPeriod.LastComplete(BriefKind.Daily, Day.AddDays(1).AddHours(7.5)), Token);

        Assert.Equal(Path.Combine(writer.Folder, "2026-11-25-daily.html"), html);
        var volume = MiniExcel.Query(Path.Combine(writer.Folder, "2026-11-25-daily.xlsx"), useHeaderRow: true, sheetName: "声量").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["分析留言总量", "正面", "负面"], volume.Select(r => (string)r["指标"]));
        Assert.Equal(2d, Convert.ToDouble(volume[0]["本期"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TheWeeklyBriefCoversLastMondayToSunday()
    {
        var period = BriefPeriod.LastComplete(BriefKind.Weekly, new DateTimeOffset(2026, 11, 26, 0, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.FromHours(8)), period.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.FromHours(8)), period.To);
        Assert.Equal("2026-11-16-weekly", period.Stem);
        Assert.Equal(new DateTimeOffset(2026, 11, 9, 0, 0, 0, TimeSpan.FromHours(8)), period.PreviousFrom);
    }

    private static BriefBuilder Builder(AlertWorld world) =>
        new(world.Queries, world.State, Options.Create(new BriefOptions()));

    private static BriefWriter Writer(AlertWorld world, string folder) =>
        new(Builder(world), Options.Create(new BriefOptions { Folder = folder }), world.Directory);

    [GeneratedRegex("<([a-zA-Z0-9]+)[ >]")]
    private static partial Regex TagPattern();
}
