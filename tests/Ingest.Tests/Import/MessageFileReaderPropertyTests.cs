using System.Text;
using CsCheck;
using Monitor.Ingest.Import;
using Monitor.Ingest.Tests.Support;

namespace Monitor.Ingest.Tests.Import;

/// <summary>Any bytes at the import readers give rows, each accepted or with at least one rejection; nothing throws.</summary>
public sealed class MessageFileReaderPropertyTests
{
    private const long Iterations = 10_000;

    private static readonly string[] CsvFragments =
    [
        "id,time,text,author,kind,title,url,parent_id\n", "time,text\n", "编号,时间,主题,详情,用户\n", "\uFEFF", "\n", "\r\n", "\r", ",", "\"", "\"\"",
        "2024-04-25 12:30:00", "2019/2/28 11:25:05", "1714037059", "-99999999999999", "2024-13-01", "你好", "\t\t\t", "\u3000", "\0", "\u00ff",
        "\ud800", "m1", "a,b,c,d,e,f,g,h,i,j", "{主题}", "    ",
    ];

    private static readonly string[] JsonFragments =
    [
        "{", "}", "[", "]", "\"time\":", "\"text\":", "\"id\":", "\"编号\":", ":", ",", "\"2024-04-25 12:30:00\"", "1714037059", "1e999", "-0", "null",
        "true", "\"\\u0000\"", "\"\\ud800\"", "\"你好\"", "\n", "\r\n", "\uFEFF", "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":{\"j\":{\"k\":{\"l\":{\"m\":{\"n\":{\"o\":{\"p\":{\"q\":1}}}}}}}}}}}}}}}}}",
        "\"", "\\", "\u00ff",
    ];

    private static readonly ImportMapping Mapping = ImportMapping.Parse("""
        { "fields": { "id": "编号", "time": "时间", "title": "主题", "text": "{主题}\n{详情}", "author": "用户" }, "timeFormats": ["yyyy/M/d H:mm:ss"] }
        """).Mapping!;

    private readonly MessageFileReader reader = new(Some.Pseudonymizer());

    private static Gen<byte[]> Inputs(string[] fragments) => Gen.OneOf(
        Gen.OneOf(fragments).Array[0, 60].Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts))),
        Gen.OneOf(Gen.OneOf(fragments), Gen.String).Array[0, 30].Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts))),
        Gen.Byte.Array[0, 400]);

    private async Task ReadAllAsync(byte[] bytes, MessageFileFormat format, ImportMapping? mapping)
    {
        using var stream = new MemoryStream(bytes);
        await foreach (var row in reader.ReadAsync(stream, format, mapping, TestContext.Current.CancellationToken))
        {
            Assert.True(row.IsAccepted != (row.Rejections.Count > 0));
        }
    }

    [Fact]
    public async Task AnyCsvBytesGiveRowsOrRejectionsAndNeverThrow() =>
        await Inputs(CsvFragments).SampleAsync(bytes => ReadAllAsync(bytes, MessageFileFormat.Csv, null), iter: Iterations);

    [Fact]
    public async Task AnyCsvBytesReadThroughAMappingGiveRowsOrRejectionsAndNeverThrow() =>
        await Inputs(CsvFragments).SampleAsync(bytes => ReadAllAsync(bytes, MessageFileFormat.Csv, Mapping), iter: Iterations);

    [Fact]
    public async Task AnyJsonLinesBytesGiveRowsOrRejectionsAndNeverThrow() =>
        await Inputs(JsonFragments).SampleAsync(bytes => ReadAllAsync(bytes, MessageFileFormat.JsonLines, null), iter: Iterations);

    [Fact]
    public void AnyMappingTextIsLoadedOrReportedAndNeverThrows() =>
        Gen.OneOf(Gen.OneOf(JsonFragments).Array[0, 30].Select(string.Concat), Gen.String)
            .Sample(json => Assert.True(ImportMapping.Parse(json) is { IsValid: true } or { Problems.Count: > 0 }), iter: Iterations);
}
