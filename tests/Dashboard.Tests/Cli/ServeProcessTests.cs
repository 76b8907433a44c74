using System.Globalization;
using System.Net;
using System.Text.Json;
using Monitor.Dashboard.Tests.Support;

namespace Monitor.Dashboard.Tests.Cli;

/// <summary>
/// The acceptance run: a real <c>monitor serve</c> process on a real socket gets one WeChat message three
/// times, and <c>monitor export</c> in another process shows it once, analysed.
/// </summary>
public sealed class ServeProcessTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "monitor-tests", Guid.NewGuid().ToString("N"));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MessagePostedThreeTimesToServeAppearsOnceAnalysedInExport()
    {
        var port = MonitorProcess.FreePort();
        var environment = new Dictionary<string, string> { ["WeChat__Token"] = MonitorAppFactory.Token, ["Monitor__AdminPassword"] = "Serve-Test-Password-9" };
        using var serve = MonitorProcess.Start(["serve", "--data", _data, "--urls", $"http://127.0.0.1:{port}"], environment);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilHealthyAsync(http);
            var msgId = Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture);
            var xml = SignedDelivery.TextXml(msgId, "小区电梯坏了半个月，老人上下楼太难了，物业一直拖着不修");
            for (var i = 0; i < 3; i++)
            {
                using var response = await http.SendAsync(SignedDelivery.Post(MonitorAppFactory.Token, xml), Token);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            JsonElement exported = default;
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < deadline)
            {
                var (exit, stdout, stderr) = await MonitorProcess.RunAsync(["export", "--data", _data, "--format", "jsonl"], null, Token);
                Assert.True(exit == 0, stderr);
                var rows = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
                Assert.Single(rows, r => r.GetProperty("msg_id").GetString() == msgId);
                exported = rows.Single(r => r.GetProperty("msg_id").GetString() == msgId);
                if (exported.GetProperty("analysis_state").GetString() == "done")
                {
                    break;
                }

                await Task.Delay(500, Token);
            }

            Assert.Equal("done", exported.GetProperty("analysis_state").GetString());
            Assert.Equal(3, exported.GetProperty("delivery_count").GetInt32());
            Assert.Equal("negative", exported.GetProperty("sentiment").GetProperty("label").GetString());
            Assert.Contains("电梯", exported.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal("小区电梯坏了半个月，老人上下楼太难了，物业一直拖着不修", exported.GetProperty("text").GetString());
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync(Token);
        }
    }

    private static async Task WaitUntilHealthyAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var health = await http.GetAsync("/health", Token);
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("monitor serve did not become healthy in 60 s");
            }

            await Task.Delay(200, Token);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
