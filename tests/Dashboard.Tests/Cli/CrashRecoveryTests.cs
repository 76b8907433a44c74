using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Monitor.Dashboard.Tests.Support;

namespace Monitor.Dashboard.Tests.Cli;

/// <summary>
/// Persist before acknowledging, proven the hard way: <c>monitor serve</c> is killed with SIGKILL while clients are
/// sending; after a restart every message that had been acknowledged is in the store, and WeChat's retries of all of
/// them (acknowledged or not) leave each message stored exactly once.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private const int Messages = 240;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "monitor-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> _environment = new() { ["WeChat__Token"] = MonitorAppFactory.Token, ["Monitor__AdminPassword"] = "Crash-Test-Password-3" };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryAcknowledgedMessageSurvivesAKillAndRetriesStoreEachMessageOnce()
    {
        var port = MonitorProcess.FreePort();
        var ids = Enumerable.Range(0, Messages).Select(i => (1_000_000 + i).ToString(CultureInfo.InvariantCulture)).ToList();
        var acknowledged = new ConcurrentBag<string>();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };

        var serve = StartServe(port);
        await WaitUntilHealthyAsync(http);
        var next = -1;
        var senders = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Messages)
            {
                if (await TrySendAsync(http, ids[i]))
                {
                    acknowledged.Add(ids[i]);
                }
            }
        }, Token)).ToList();
        while (acknowledged.Count < Messages / 3)
        {
            await Task.Delay(10, Token);
        }

        serve.Kill(); // SIGKILL on Linux: no shutdown hooks, no flush.
        await serve.WaitForExitAsync(Token);
        await Task.WhenAll(senders);
        Assert.InRange(acknowledged.Count, Messages / 3, Messages - 1);

        serve = StartServe(port);
        try
        {
            await WaitUntilHealthyAsync(http);
            var afterRestart = await ExportedMsgIdsAsync();
            Assert.Empty(acknowledged.Except(afterRestart));
            Assert.Equal(afterRestart.Count, afterRestart.Distinct().Count());

            // WeChat retries whatever it did not get an answer for; here, every message, to be harsh.
            foreach (var id in ids)
            {
                Assert.True(await TrySendAsync(http, id), $"message {id} was not acknowledged after the restart");
            }

            var final = await ExportedMsgIdsAsync();
            Assert.Equal(Messages, final.Count);
            Assert.Equal(ids.Order(), final.Order());
        }
        finally
        {
            serve.Kill();
            await serve.WaitForExitAsync(Token);
        }
    }

    private Process StartServe(int port) =>
        MonitorProcess.Start(["serve", "--data", _data, "--urls", $"http://127.0.0.1:{port}", "--no-scheduler"], _environment);

    private static async Task<bool> TrySendAsync(HttpClient http, string msgId)
    {
        try
        {
            using var response = await http.SendAsync(
                SignedDelivery.Post(MonitorAppFactory.Token, SignedDelivery.TextXml(msgId, $"第{msgId}号留言：路面破损需要修补")), Token);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!Token.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<List<string>> ExportedMsgIdsAsync()
    {
        var (exit, stdout, stderr) = await MonitorProcess.RunAsync(["export", "--data", _data], null, Token);
        Assert.True(exit == 0, stderr);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("msg_id").GetString()!)
            .ToList();
    }

    private static async Task WaitUntilHealthyAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var health = await http.GetAsync("/health", Token);
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, Token);
        }

        throw new TimeoutException("monitor serve did not become healthy in 60 s");
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
