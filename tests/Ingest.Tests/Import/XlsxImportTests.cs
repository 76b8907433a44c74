using MiniExcelLibs;
using Monitor.Ingest.Import;
using Monitor.Ingest.Tests.Support;

namespace Monitor.Ingest.Tests.Import;

public sealed class XlsxImportTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), "ingest-xlsx-" + Guid.NewGuid().ToString("N") + ".xlsx");
    private readonly MessageFileReader reader = new(Some.Pseudonymizer());

    public void Dispose() => File.Delete(path);

    private async Task<List<ImportRow>> ReadAsync(ImportMapping? mapping)
    {
        var rows = new List<ImportRow>();
        await foreach (var row in reader.ReadAsync(path, null, mapping, TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public async Task AWorkbookWithChineseColumnsImportsThroughAMapping()
    {
        var rows = new List<Dictionary<string, object?>>
        {
            new() { ["留言编号"] = 101, ["留言用户"] = "A001", ["留言主题"] = "噪音扰民", ["留言时间"] = "2019/5/6 7:08:09", ["留言详情"] = "夜间施工" },
            new() { ["留言编号"] = 102, ["留言用户"] = "A002", ["留言主题"] = "路面破损", ["留言时间"] = new DateTime(2019, 5, 7, 10, 0, 0), ["留言详情"] = "坑洼" },
            new() { ["留言编号"] = 103, ["留言用户"] = "A003", ["留言主题"] = "", ["留言时间"] = "2019/5/8 9:00:00", ["留言详情"] = "" },
        };
        await MiniExcel.SaveAsAsync(path, rows, cancellationToken: TestContext.Current.CancellationToken);
        var mapping = await ImportMapping.LoadAsync(Path.Combine(AppContext.BaseDirectory, "Import", "Mappings", "messages_labeled.json"), TestContext.Current.CancellationToken);

        var read = await ReadAsync(mapping.Mapping);

        Assert.Equal(["teddy2020-fj2-101", "teddy2020-fj2-102"], read.Where(r => r.IsAccepted).Select(r => r.Message!.SourceId));
        Assert.Equal(new DateTimeOffset(2019, 5, 5, 23, 8, 9, TimeSpan.Zero), read[0].Message!.Time);
        Assert.Equal(new DateTimeOffset(2019, 5, 7, 2, 0, 0, TimeSpan.Zero), read[1].Message!.Time);
        Assert.Equal("噪音扰民\n夜间施工", read[0].Message!.Text);
        var rejection = Assert.Single(read, r => !r.IsAccepted).Rejection!;
        Assert.Equal((4L, "text"), (rejection.Line, rejection.Field));
    }

    [Fact]
    public async Task AWorkbookWithFieldNamedColumnsImportsWithoutAMapping()
    {
        var rows = new List<Dictionary<string, object?>>
        {
            new() { ["id"] = "x1", ["time"] = "2024-04-25 12:30:00", ["text"] = "你好" },
        };
        await MiniExcel.SaveAsAsync(path, rows, cancellationToken: TestContext.Current.CancellationToken);

        var message = Assert.Single(await ReadAsync(null)).Message!;
        Assert.Equal(("x1", "你好"), (message.SourceId, message.Text));
    }

    [Fact]
    public async Task AFileThatIsNotAWorkbookIsOneFileLevelRejection()
    {
        await File.WriteAllTextAsync(path, "this is not a zip", TestContext.Current.CancellationToken);
        var row = Assert.Single(await ReadAsync(null));
        Assert.Equal((0L, "format"), (row.Line, row.Rejection!.Field));
        Assert.Contains("not a readable .xlsx workbook", row.Rejection.Reason, StringComparison.Ordinal);
    }
}
