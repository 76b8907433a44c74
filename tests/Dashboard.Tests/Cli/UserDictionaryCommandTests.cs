using Microsoft.Extensions.DependencyInjection;
using Monitor.Dashboard.Cli;
using Monitor.Dashboard.Tests.Support;
using Monitor.Nlp.Segmentation;

namespace Monitor.Dashboard.Tests.Cli;

/// <summary>
/// The admin's user dictionary (<c>user-dict.txt</c> of the data folder, written by the admin page) is used by the CLI
/// as by <c>serve</c>: the verbs that segment cut an added word as one token. A folder without the file cuts it apart,
/// so each test can fail.
/// </summary>
public sealed class UserDictionaryCommandTests : IDisposable
{
    private const string Word = "滹沱湾夜市";
    private const string Text = "周末去滹沱湾夜市逛了逛";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "monitor-tests", Guid.NewGuid().ToString("N"));
    private readonly string _empty = Path.Combine(Path.GetTempPath(), "monitor-tests", Guid.NewGuid().ToString("N"));

    public UserDictionaryCommandTests()
    {
        Directory.CreateDirectory(_data);
        Directory.CreateDirectory(_empty);
        // As the admin page writes it (Admin.UserDictionary).
        File.WriteAllText(Path.Combine(_data, Admin.UserDictionary.FileName), $"# Monitor 用户词典（系统管理页维护）: word [freq] [tag]\n{Word} ns\n");
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var folder in new[] { _data, _empty })
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean.
            }
        }
    }

    [Fact]
    public async Task SegmentWithTheUserDictionaryCutsTheAdminsWordAsOneToken()
    {
        var (exit, stdout, stderr) = await MonitorProcess.RunAsync(["segment", "--user-dict", "--data", _data], Text + "\n", Token);
        var (exitWithout, without, _) = await MonitorProcess.RunAsync(["segment", "--user-dict", "--data", _empty], Text + "\n", Token);

        Assert.True(exit == 0, stderr);
        Assert.Equal(0, exitWithout);
        Assert.Contains(Word, stdout.Trim().Split(' '));
        Assert.DoesNotContain(Word, without.Trim().Split(' '));
    }

    [Fact]
    public async Task KeywordsFindTheAdminsWordWhole()
    {
        var (exit, stdout, stderr) = await MonitorProcess.RunAsync(["keywords", "--data", _data, "--top", "5"], Text + "\n", Token);
        var (_, without, _) = await MonitorProcess.RunAsync(["keywords", "--data", _empty, "--top", "5"], Text + "\n", Token);

        Assert.True(exit == 0, stderr);
        Assert.Contains(Word, stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Word, without, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheServicesOfClassifyEvalTrainAndImportSegmentWithTheAdminsWords()
    {
        await using var services = CliServices.Build(_data);
        await using var plain = CliServices.Build(_empty);

        Assert.Contains(Word, services.GetRequiredService<ITextSegmenter>().Cut(Text, SegmentMode.Exact));
        Assert.DoesNotContain(Word, plain.GetRequiredService<ITextSegmenter>().Cut(Text, SegmentMode.Exact));
    }
}
