using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Index;
using Monitor.Ingest;
using Monitor.Jobs;
using Monitor.Jobs.Cli;
using Monitor.Jobs.Tests.Support;

namespace Monitor.Jobs.Tests.Cli;

public sealed class ImportCommandTests : IDisposable
{
    private readonly TestStore _store = new();
    private readonly ServiceProvider _services;

    public ImportCommandTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Monitor:DataDirectory"] = _store.Directory })
            .Build();
        _services = new ServiceCollection().AddLogging().AddIngest(configuration).AddJobs(configuration, runInBackground: false).AddSingleton(_store.Store).BuildServiceProvider();
    }

    private static string File => Path.Combine(AppContext.BaseDirectory, "TestData", "hotline-export.csv");

    [Fact]
    public async Task GoodRowsAreStoredAndBadRowsAreReportedWithTheirLineNumbers()
    {
        var output = new StringWriter();
        var errors = new StringWriter();

        var exit = await ImportCommand.RunAsync(_services, File, null, output, errors, TestContext.Current.CancellationToken);

        Assert.Equal(1, exit);
        Assert.Equal("imported 3 new, 0 already stored, 2 rejected", output.ToString().Trim());
        var report = errors.ToString();
        Assert.Contains("line 4", report, StringComparison.Ordinal);
        Assert.Contains("`time`", report, StringComparison.Ordinal);
        Assert.Contains("line 5", report, StringComparison.Ordinal);
        Assert.Contains("`text`", report, StringComparison.Ordinal);
        var counts = await _store.Store.CountAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, counts.Messages);
        Assert.Equal(2, counts.Rejected);
    }

    [Fact]
    public async Task ImportingTheSameFileTwiceStoresNothingTwice()
    {
        await ImportCommand.RunAsync(_services, File, null, TextWriter.Null, TextWriter.Null, TestContext.Current.CancellationToken);
        var output = new StringWriter();

        await ImportCommand.RunAsync(_services, File, null, output, TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.Equal("imported 0 new, 3 already stored, 2 rejected", output.ToString().Trim());
        Assert.Equal(3, (await _store.Store.CountAsync(TestContext.Current.CancellationToken)).Messages);
    }

    [Fact]
    public async Task AuthorsArePseudonymisedBeforeTheyAreStored()
    {
        await ImportCommand.RunAsync(_services, File, null, TextWriter.Null, TextWriter.Null, TestContext.Current.CancellationToken);

        var stored = await _store.Store.LatestAsync(10, null, TestContext.Current.CancellationToken);
        Assert.All(stored, m => Assert.StartsWith("u_", m.Message.Author, StringComparison.Ordinal));
        Assert.DoesNotContain(stored, m => (m.Message.Author ?? string.Empty).Contains("138000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PhoneNumbersInTheTextArePseudonymisedBeforeTheyAreStored()
    {
        await ImportCommand.RunAsync(_services, File, null, TextWriter.Null, TextWriter.Null, TestContext.Current.CancellationToken);

        var stored = await _store.Store.LatestAsync(10, null, TestContext.Current.CancellationToken);
        var message = Assert.Single(stored, m => m.Message.SourceId == "H-002");
        Assert.DoesNotContain("13912345678", message.Message.Text, StringComparison.Ordinal);
        Assert.Contains("[手机:u_", message.Message.Text, StringComparison.Ordinal);
        Assert.StartsWith("申请低保需要准备哪些材料？请回电", message.Message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingFileIsAnErrorNotACrash()
    {
        var errors = new StringWriter();

        var exit = await ImportCommand.RunAsync(_services, "/no/such/file.csv", null, TextWriter.Null, errors, TestContext.Current.CancellationToken);

        Assert.Equal(1, exit);
        Assert.Contains("does not exist", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GovernmentMessagesImportWithTheirShippedMappingAndNoCodeChange()
    {
        var data = Path.Combine(Models.RepoRoot, "..", "shared", "data", "gov_messages_teddy2020", "messages_labeled.csv");
        var mapping = Path.Combine(Models.RepoRoot, "ingest", "Import", "Mappings", "messages_labeled.json");
        var output = new StringWriter();

        var exit = await ImportCommand.RunAsync(_services, data, mapping, output, TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Equal("imported 396 new, 0 already stored, 0 rejected", output.ToString().Trim());
    }

    [Fact]
    public async Task ABrokenMappingIsReportedAndNothingIsImported()
    {
        var broken = Path.Combine(_store.Directory, "broken.json");
        await System.IO.File.WriteAllTextAsync(broken, "{\"fields\": {\"text\": 5}}", TestContext.Current.CancellationToken);
        var errors = new StringWriter();

        var exit = await ImportCommand.RunAsync(_services, File, broken, TextWriter.Null, errors, TestContext.Current.CancellationToken);

        Assert.Equal(1, exit);
        Assert.Contains("broken.json", errors.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, (await _store.Store.CountAsync(TestContext.Current.CancellationToken)).Messages);
    }

    public void Dispose()
    {
        _services.Dispose();
        _store.Dispose();
    }
}
