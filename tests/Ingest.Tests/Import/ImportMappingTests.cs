using System.Text;
using Monitor.Ingest.Import;
using Monitor.Ingest.Tests.Support;

namespace Monitor.Ingest.Tests.Import;

public sealed class ImportMappingTests
{
    private readonly MessageFileReader reader = new(Some.Pseudonymizer());

    private static ImportMapping Mapping(string json)
    {
        var result = ImportMapping.Parse(json);
        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        return result.Mapping!;
    }

    private async Task<List<ImportRow>> ReadAsync(string text, ImportMapping mapping, MessageFileFormat format = MessageFileFormat.Csv)
    {
        var rows = new List<ImportRow>();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await foreach (var row in reader.ReadAsync(stream, format, mapping, TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    private const string GovMapping = """
        {
          "fields": { "id": "编号", "time": "时间", "title": "主题", "text": "{主题}\n{详情}", "author": "用户" },
          "timeFormats": ["yyyy/M/d H:mm:ss"],
          "defaults": { "account": "board", "kind": "message" }
        }
        """;

    [Fact]
    public async Task ColumnsWithChineseNamesAreMappedAndJoinedByTheTemplate()
    {
        var rows = await ReadAsync("编号,用户,主题,时间,详情,点赞数\n7,A001,路灯坏了,2019/2/28 11:25:05,\"\n\t\t　小区门口路灯不亮。\n\",3\n", Mapping(GovMapping));

        var message = Assert.Single(rows).Message!;
        Assert.Equal("7", message.SourceId);
        Assert.Equal("路灯坏了", message.Title);
        Assert.Equal("路灯坏了\n小区门口路灯不亮。", message.Text);
        Assert.Equal(new DateTimeOffset(2019, 2, 28, 3, 25, 5, TimeSpan.Zero), message.Time);
        Assert.Equal("board", message.Account);
        Assert.Equal("message", message.Kind);
        Assert.StartsWith("u_", message.Author, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABrokenRowIsRejectedWithItsLineAndSourceColumnAndGoodRowsAreKept()
    {
        var rows = await ReadAsync("编号,用户,主题,时间,详情\n1,A,题一,2019/2/28 11:25:05,内容\n2,B,题二,2019-13-45,内容\n3,C,题三,2019/3/1 8:00:00,内容\n", Mapping(GovMapping));

        Assert.Equal(["1", "3"], rows.Where(r => r.IsAccepted).Select(r => r.Message!.SourceId));
        var rejection = Assert.Single(rows, r => !r.IsAccepted).Rejection!;
        Assert.Equal(3, rejection.Line);
        Assert.Equal("时间", rejection.Field);
        Assert.Equal("line 3, field `时间`: '2019-13-45' is not a date (yyyy/M/d H:mm:ss, ISO 8601, yyyy-MM-dd HH:mm:ss or Unix seconds)", rejection.Description);
    }

    [Fact]
    public async Task AHeaderWithoutAMappedColumnRejectsTheFileNamingTheColumn()
    {
        var rows = await ReadAsync("编号,主题,时间,详情\n1,题,2019/2/28 11:25:05,内容\n", Mapping(GovMapping));
        var row = Assert.Single(rows);
        Assert.Equal("用户", row.Rejection!.Field);
        Assert.Contains("the header has no `用户` column", row.Rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonLinesKeysAreMappedToo()
    {
        var rows = await ReadAsync("""{"编号": 12, "用户": "A", "主题": "题", "时间": "2019/2/28 11:25:05", "详情": "内容"}""" + "\n", Mapping(GovMapping), MessageFileFormat.JsonLines);
        Assert.Equal("12", Assert.Single(rows).Message!.SourceId);
    }

    [Fact]
    public void EveryProblemInAMappingIsListed()
    {
        var result = ImportMapping.Parse("""
            {
              "fields": { "body": "详情", "time": "{时间", "title": "{}" },
              "defaults": { "colour": "red" },
              "timeFormats": ["", "yyyy/M/d %"],
              "timeOffset": "+25:00"
            }
            """);

        Assert.False(result.IsValid);
        Assert.Equal(
        [
            "fields.body is not a known field (known: id, time, text, account, author, kind, title, url, parent_id)",
            "fields.time '{时间' has a '{' at position 0 that is never closed",
            "fields.title '{}' has an empty column name '{}' at position 0",
            "fields.text is required: name the column (or {template}) that holds the message text",
            "defaults.colour is not a known field (known: id, time, text, account, author, kind, title, url, parent_id)",
            "timeFormats '' is not a .NET date format that round-trips a date (e.g. yyyy/M/d H:mm:ss)",
            "timeFormats 'yyyy/M/d %' is not a .NET date format that round-trips a date (e.g. yyyy/M/d H:mm:ss)",
            "timeOffset '+25:00' is not an offset between -14:00 and +14:00 (e.g. +08:00)",
        ], result.Problems);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1, 2]")]
    [InlineData("{\"fields\": {\"time\": \"t\", \"text\": \"x\"}, \"unknown\": 1}")]
    [InlineData("null")]
    public void AMappingThatIsNotValidJsonOrHasUnknownKeysIsAProblemNotAnException(string json)
    {
        var result = ImportMapping.Parse(json);
        Assert.False(result.IsValid);
        Assert.NotEmpty(result.Problems);
    }

    [Fact]
    public async Task AMissingMappingFileIsAProblem()
    {
        var result = await ImportMapping.LoadAsync("/nonexistent/mapping.json", TestContext.Current.CancellationToken);
        Assert.Contains("does not exist", Assert.Single(result.Problems), StringComparison.Ordinal);
    }
}
