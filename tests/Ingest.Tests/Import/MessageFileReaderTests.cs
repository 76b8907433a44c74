using System.Text;
using Monitor.Ingest.Import;
using Monitor.Ingest.Tests.Support;

namespace Monitor.Ingest.Tests.Import;

public sealed class MessageFileReaderTests
{
    private readonly MessageFileReader reader = new(Some.Pseudonymizer());

    private async Task<List<ImportRow>> ReadFileAsync(string name, MessageFileFormat? format = null)
    {
        var rows = new List<ImportRow>();
        await foreach (var row in reader.ReadAsync(TestFiles.PathOf("import", name), format, TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<List<ImportRow>> ReadBytesAsync(byte[] bytes, MessageFileFormat format)
    {
        var rows = new List<ImportRow>();
        using var stream = new MemoryStream(bytes);
        await foreach (var row in reader.ReadAsync(stream, format, TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public async Task CsvGoodRowsAreAcceptedAndBrokenRowsRejectedWithTheirLineNumbers()
    {
        var rows = await ReadFileAsync("messages.csv");

        Assert.Equal(["m1", "m4", "m5"], rows.Where(r => r.IsAccepted).Select(r => r.Message!.SourceId).Take(3));
        Assert.Equal(4, rows.Count(r => r.IsAccepted));
        Assert.Equal([3L, 4L, 9L, 11L], rows.Where(r => !r.IsAccepted).Select(r => r.Line));

        var rejections = rows.SelectMany(r => r.Rejections).ToDictionary(r => r.Line);
        Assert.Equal("time", rejections[3].Field);
        Assert.Equal(
            "line 3, field `time`: '2024-13-01' is not a date (ISO 8601, yyyy-MM-dd HH:mm:ss or Unix seconds)",
            rejections[3].Description);
        Assert.Equal("text", rejections[4].Field);
        Assert.Contains("has 4 fields; the header has 9", rejections[9].Reason, StringComparison.Ordinal);
        Assert.Contains("quote that is never closed", rejections[11].Reason, StringComparison.Ordinal);
        Assert.Contains("lines 11–12", rejections[11].Reason, StringComparison.Ordinal);
        Assert.StartsWith("m8,2024-04-25 12:30:00,\"引号没有闭合", rejections[11].Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsvMultiLineQuotedTextAndEscapedQuotesAreKept()
    {
        var rows = await ReadFileAsync("messages.csv");
        var m4 = rows.Single(r => r.Message?.SourceId == "m4");
        Assert.Equal(5, m4.Line);
        Assert.Equal("多行留言：\n第二行, 含逗号", m4.Message!.Text);
        Assert.Equal("comment", m4.Message.Kind);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1714037059), m4.Message.Time);

        var m5 = rows.Single(r => r.Message?.SourceId == "m5").Message!;
        Assert.Equal("他说\"马上处理\"，结果没人来", m5.Text);
        Assert.Equal("m1", m5.ParentId);
        Assert.Null(m5.Author);
    }

    [Fact]
    public async Task CsvMessagesAreMappedWithChinaTimePseudonymAndImportSource()
    {
        var rows = await ReadFileAsync("messages.csv");
        var m1 = rows.First(r => r.IsAccepted).Message!;
        Assert.Equal("import", m1.SourceKind);
        Assert.Equal("正定发布", m1.Account);
        Assert.Equal(new DateTimeOffset(2024, 4, 25, 1, 30, 0, TimeSpan.Zero), m1.Time);
        Assert.Equal(Some.Pseudonymizer().Pseudonymize("张先生"), m1.Author);
        Assert.DoesNotContain("张先生", m1.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARowWithoutAnIdGetsAStableHashId()
    {
        var first = (await ReadFileAsync("messages.csv")).Single(r => r.Line == 10).Message!;
        var second = (await ReadFileAsync("messages.csv")).Single(r => r.Line == 10).Message!;
        Assert.Matches("^h_[0-9a-f]{24}$", first.SourceId);
        Assert.Equal(first.SourceId, second.SourceId);
        Assert.Equal("标题", first.Title);
        Assert.Equal("https://example.invalid/a", first.Url);
    }

    [Fact]
    public async Task JsonLinesGoodLinesAreAcceptedAndBrokenLinesRejectedWithTheirNumbers()
    {
        var rows = await ReadFileAsync("messages.jsonl");

        Assert.Equal([1L, 6L, 9L], rows.Where(r => r.IsAccepted).Select(r => r.Line));
        Assert.Equal([2L, 3L, 4L, 7L, 8L], rows.Where(r => !r.IsAccepted).Select(r => r.Line));

        var rejections = rows.SelectMany(r => r.Rejections).ToDictionary(r => r.Line);
        Assert.Equal(
            "line 2, field `time`: '2024-13-01' is not a date (ISO 8601, yyyy-MM-dd HH:mm:ss or Unix seconds)",
            rejections[2].Description);
        Assert.Equal("text", rejections[3].Field);
        Assert.StartsWith("is not valid JSON at byte", rejections[4].Reason, StringComparison.Ordinal);
        Assert.Equal("is a JSON array, not an object; write one object per line, not an array", rejections[7].Reason);
        Assert.Equal("text", rejections[8].Field);
        Assert.Contains("expected a string", rejections[8].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonLinesValuesAreMapped()
    {
        var rows = await ReadFileAsync("messages.jsonl");
        var hashed = rows.Single(r => r.Line == 6).Message!;
        Assert.StartsWith("h_", hashed.SourceId, StringComparison.Ordinal);
        Assert.Equal("comment", hashed.Kind);
        Assert.Equal("j1", hashed.ParentId);
        Assert.Equal(new DateTimeOffset(2024, 4, 25, 2, 0, 0, TimeSpan.Zero), hashed.Time);

        var slashDate = rows.Single(r => r.Line == 9).Message!;
        Assert.Equal(new DateTimeOffset(2024, 4, 25, 0, 5, 0, TimeSpan.Zero), slashDate.Time);
        Assert.Equal("text", slashDate.Kind);
        Assert.Equal(string.Empty, slashDate.Account);
    }

    [Fact]
    public async Task InvalidUtf8InACsvFieldIsRejectedWithItsLine()
    {
        byte[] bytes = [.. "time,text\n2024-04-25 09:30:00,好\n2024-04-25 09:31:00,"u8, 0xC4, 0xE3, .. "\n2024-04-25 09:32:00,也好\n"u8];
        var rows = await ReadBytesAsync(bytes, MessageFileFormat.Csv);
        Assert.Equal(2, rows.Count(r => r.IsAccepted));
        var rejected = Assert.Single(rows, r => !r.IsAccepted);
        Assert.Equal(3, rejected.Line);
        Assert.Equal("text", rejected.Rejection!.Field);
        Assert.Contains("not valid UTF-8", rejected.Rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidUtf8InAJsonLineIsRejectedWithItsLine()
    {
        byte[] bytes = [.. "{\"time\":\"1714037059\",\"text\":\""u8, 0xC4, 0xE3, .. "\"}\n{\"time\":1714037059,\"text\":\"好\"}"u8];
        var rows = await ReadBytesAsync(bytes, MessageFileFormat.JsonLines);
        Assert.Equal(1, rows[0].Line);
        Assert.Contains("not valid UTF-8", rows[0].Rejection!.Reason, StringComparison.Ordinal);
        Assert.True(rows[1].IsAccepted);
    }

    [Fact]
    public async Task ACsvWithoutATextColumnIsRejectedOnceAtTheHeader()
    {
        var rows = await ReadBytesAsync(Encoding.UTF8.GetBytes("id,time,body\n1,1714037059,x\n"), MessageFileFormat.Csv);
        var row = Assert.Single(rows);
        Assert.Equal("line 1, field `text`: the header has no `text` column (found: id, time, body)", row.Rejection!.Description);
    }

    [Fact]
    public async Task AUtf8ByteOrderMarkIsIgnored()
    {
        var rows = await ReadBytesAsync([.. Encoding.UTF8.Preamble, .. "time,text\n1714037059,好\n"u8], MessageFileFormat.Csv);
        Assert.True(Assert.Single(rows).IsAccepted);
    }

    [Fact]
    public async Task AnUnknownExtensionIsAFileLevelRejection()
    {
        var rows = await ReadFileAsync("messages.ods");
        var row = Assert.Single(rows);
        Assert.Equal(0, row.Line);
        Assert.Contains("has no known extension", row.Rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStrayQuoteInAnUnquotedFieldIsKeptAsText()
    {
        var rows = await ReadBytesAsync("time,text\n1714037059,他说\"好\"\n"u8.ToArray(), MessageFileFormat.Csv);
        Assert.Equal("他说\"好\"", Assert.Single(rows).Message!.Text);
    }

    [Fact]
    public async Task TextAfterAClosingQuoteIsRejectedAndReadingGoesOn()
    {
        var rows = await ReadBytesAsync("time,text\n1714037059,\"好\"的\n1714037060,下一行\n"u8.ToArray(), MessageFileFormat.Csv);
        Assert.Equal(2, rows[0].Line);
        Assert.Contains("text after the closing quote", rows[0].Rejection!.Reason, StringComparison.Ordinal);
        Assert.Equal("下一行", rows[1].Message!.Text);
        Assert.Equal(3, rows[1].Line);
    }

    [Theory]
    [InlineData("a.csv", MessageFileFormat.Csv)]
    [InlineData("a.JSONL", MessageFileFormat.JsonLines)]
    [InlineData("a.json", MessageFileFormat.JsonLines)]
    public void FormatFollowsTheExtension(string path, MessageFileFormat expected) =>
        Assert.Equal(expected, MessageFileReader.FormatOf(path));
}
