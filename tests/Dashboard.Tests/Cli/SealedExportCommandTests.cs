using System.Text.Json;
using Microsoft.Data.Sqlite;
using Monitor.Dashboard.Sealed;
using Monitor.Dashboard.Tests.Support;
using Monitor.Index;
using Monitor.Ingest;
using Monitor.Nlp.Sentiment;

namespace Monitor.Dashboard.Tests.Cli;

/// <summary>
/// <c>monitor export</c> run as the operator runs it: 涉黑举报 reports leave sealed like the dashboard's export, unless
/// <c>--include-sealed</c>, which warns on stderr and records each one in the sealed audit under the OS user.
/// </summary>
public sealed class SealedExportCommandTests : IDisposable
{
    private const string ReportText = "村里恶势力强占土地，有干部充当保护伞，请涉黑专办调查";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "monitor-tests", Guid.NewGuid().ToString("N"));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string DatabasePath => Path.Combine(_data, "monitor.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    [Fact]
    public async Task ExportSealsA涉黑ReportUnlessIncludeSealedWhichWarnsAndIsAudited()
    {
        var (reportId, queryId) = await SeedAsync();

        var (exit, stdout, stderr) = await MonitorProcess.RunAsync(["export", "--data", _data], null, Token);

        Assert.True(exit == 0, stderr);
        var rows = Rows(stdout);
        var sealedRow = rows[reportId];
        Assert.Equal(SealedPath.Placeholder, sealedRow.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Undefined, Value(sealedRow, "author"));
        Assert.Equal(0, sealedRow.GetProperty("tokens").GetArrayLength());
        Assert.Equal("涉黑举报", sealedRow.GetProperty("service_function").GetProperty("label").GetString());
        Assert.DoesNotContain("保护伞", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("u_reporter", stdout, StringComparison.Ordinal);
        Assert.Equal("小区门口的路灯什么时候修？", rows[queryId].GetProperty("text").GetString());
        Assert.Equal("u_asker", rows[queryId].GetProperty("author").GetString());
        Assert.Contains("1 涉黑举报", stderr, StringComparison.Ordinal);
        Assert.Empty(Openings());

        (exit, stdout, stderr) = await MonitorProcess.RunAsync(["export", "--data", _data, "--include-sealed"], null, Token);

        Assert.True(exit == 0, stderr);
        Assert.Equal(ReportText, Rows(stdout)[reportId].GetProperty("text").GetString());
        Assert.Equal("u_reporter", Rows(stdout)[reportId].GetProperty("author").GetString());
        Assert.StartsWith("warning: --include-sealed", stderr, StringComparison.Ordinal);
        var opening = Assert.Single(Openings());
        Assert.Equal((Environment.UserName, reportId, OperatorExport.Endpoint), opening);
    }

    private async Task<(long Report, long Query)> SeedAsync()
    {
        Directory.CreateDirectory(_data);
        var store = IndexServiceCollectionExtensions.OpenSqlite(DatabasePath);
        try
        {
            var now = DateTimeOffset.UtcNow;
            var report = await store.IngestAsync(Delivery("r1"), Citizen("r1", "u_reporter", ReportText), Token);
            var query = await store.IngestAsync(Delivery("q1"), Citizen("q1", "u_asker", "小区门口的路灯什么时候修？"), Token);
            await store.SaveAnalysesAsync(
            [
                Analysis(report.MessageId!.Value, ["村里", "恶势力", "强占", "土地", "保护伞"], "涉黑举报"),
                Analysis(query.MessageId!.Value, ["小区", "门口", "路灯", "什么", "时候", "修"], "政务查询"),
            ], Token);
            return (report.MessageId.Value, query.MessageId.Value);
        }
        finally
        {
            (store as IDisposable)?.Dispose();
            SqliteConnection.ClearAllPools();
        }
    }

    private static RawDelivery Delivery(string id) => new()
    {
        Channel = "wechat-callback",
        ReceivedAt = DateTimeOffset.UtcNow,
        Body = System.Text.Encoding.UTF8.GetBytes("<xml>" + id + "</xml>"),
    };

    private static Message Citizen(string id, string author, string text) => new()
    {
        SourceKind = "wechat",
        SourceId = id,
        Account = "gh_10f6c3c3ac5a",
        Author = author,
        Time = DateTimeOffset.UtcNow.AddMinutes(-5),
        Text = text,
    };

    private static AnalysisResult Analysis(long id, string[] tokens, string service) => new()
    {
        MessageId = id,
        Tokens = tokens,
        Sentiment = SentimentPrediction.FromPositiveProbability(0.2),
        ModelVersion = "test",
        DictionaryVersion = "test",
        AnalysedAt = DateTimeOffset.UtcNow,
        ServiceFunction = new ServiceFunctionMatch(service, [tokens[1]]),
    };

    private static Dictionary<long, JsonElement> Rows(string jsonl) =>
        jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(r => r.GetProperty("id").GetInt64());

    private static JsonValueKind Value(JsonElement row, string name) => row.TryGetProperty(name, out var value) ? value.ValueKind : JsonValueKind.Undefined;

    private List<(string User, long MessageId, string Endpoint)> Openings()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE name = 'sealed_openings';";
        if (command.ExecuteScalar() is null)
        {
            return [];
        }

        command.CommandText = "SELECT user_name, message_id, endpoint FROM sealed_openings ORDER BY id;";
        using var reader = command.ExecuteReader();
        var list = new List<(string, long, string)>();
        while (reader.Read())
        {
            list.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
        }

        return list;
    }
}
