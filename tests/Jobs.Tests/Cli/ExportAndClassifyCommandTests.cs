using System.Text.Json;
using Monitor.Jobs.Cli;
using Monitor.Jobs.Tests.Support;
using Monitor.Nlp.Segmentation;

namespace Monitor.Jobs.Tests.Cli;

public sealed class ExportAndClassifyCommandTests : IDisposable
{
    private readonly TestStore _store = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExportWritesOneJsonObjectPerMessageWithItsWeChatMsgId()
    {
        await _store.AddAsync("6054768590064713728", "道路积水严重");
        await _store.AddAsync("6054768590064713729", "谢谢及时处理");
        var output = new StringWriter();

        await ExportCommand.RunAsync(_store.Store, output, Token);

        var rows = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("6054768590064713728", rows[0].GetProperty("msg_id").GetString());
        Assert.Equal("道路积水严重", rows[0].GetProperty("text").GetString());
        Assert.Equal("pending", rows[0].GetProperty("analysis_state").GetString());
        Assert.False(rows[0].TryGetProperty("sentiment", out _));
    }

    [Fact]
    public async Task ExportSaysWhichModelsAndDictionaryProducedEachAnalysis()
    {
        var added = await _store.AddAsync("6054768590064713730", "道路积水严重");
        await _store.Store.SaveAnalysesAsync(
            [
                new Index.AnalysisResult
                {
                    MessageId = added.MessageId!.Value,
                    Tokens = ["道路", "积水", "严重"],
                    Sentiment = new Nlp.Sentiment.SentimentPrediction("negative", 0.9, 0.1),
                    ModelVersion = "sentiment-2 emotion-3 topic-4",
                    DictionaryVersion = "jieba+county-7",
                    AnalysedAt = DateTimeOffset.UtcNow,
                },
            ],
            Token);
        var output = new StringWriter();

        await ExportCommand.RunAsync(_store.Store, output, Token);

        var row = JsonDocument.Parse(output.ToString().Trim()).RootElement;
        Assert.Equal("done", row.GetProperty("analysis_state").GetString());
        Assert.Equal("sentiment-2 emotion-3 topic-4", row.GetProperty("model_version").GetString());
        Assert.Equal("jieba+county-7", row.GetProperty("dictionary_version").GetString());
    }

    [Fact]
    public async Task ClassifyKeepsInputOrderAcrossBatchesAndEchoesIds()
    {
        var lines = Enumerable.Range(0, 1100).Select(i => JsonSerializer.Serialize(new { id = i, text = i % 2 == 0 ? "非常满意，点赞" : "太差了，投诉" }));
        var output = new StringWriter();

        var exit = await ClassifyCommand.RunAsync(
            Models.Segmenter, Models.Sentiment, new StringReader(string.Join('\n', lines)), output, TextWriter.Null, Token);

        Assert.Equal(0, exit);
        var rows = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(1100, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(i, rows[i].GetProperty("id").GetInt32());
            Assert.Equal(i % 2 == 0 ? "positive" : "negative", rows[i].GetProperty("label").GetString());
        }
    }

    [Fact]
    public async Task SegmentCommandHonoursTheMode()
    {
        var exact = new StringWriter();
        var search = new StringWriter();

        await SegmentCommand.RunAsync(Models.Segmenter, new StringReader("中国科学院计算所"), exact, SegmentMode.Exact, true, Token);
        await SegmentCommand.RunAsync(Models.Segmenter, new StringReader("中国科学院计算所"), search, SegmentMode.Search, true, Token);

        Assert.Equal("中国科学院 计算所", exact.ToString().Trim());
        Assert.Equal("中国 科学 学院 科学院 中国科学院 计算 计算所", search.ToString().Trim());
    }

    public void Dispose() => _store.Dispose();
}
