using Monitor.Ingest.Import;
using Monitor.Ingest.Tests.Support;

namespace Monitor.Ingest.Tests.Import;

/// <summary>Imports the real gov_messages_teddy2020 files from shared/data through the shipped mapping files.</summary>
public sealed class GovMessageImportTests
{
    private readonly MessageFileReader reader = new(Some.Pseudonymizer());

    private static string DataFile(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Monitor.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var path = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data", "gov_messages_teddy2020", name));
        if (!File.Exists(path))
        {
            Assert.Skip($"{path} is not there (shared/data is laid beside the repository)");
        }

        return path;
    }

    private async Task<List<ImportRow>> ImportAsync(string file, string mappingFile)
    {
        var mapping = await ImportMapping.LoadAsync(Path.Combine(AppContext.BaseDirectory, "Import", "Mappings", mappingFile), TestContext.Current.CancellationToken);
        Assert.True(mapping.IsValid, string.Join("; ", mapping.Problems));
        var rows = new List<ImportRow>();
        await foreach (var row in reader.ReadAsync(DataFile(file), null, mapping.Mapping, TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Data rows counted independently of the importer: records after the header, by CsvHelper's plain reader.</summary>
    private static async Task<int> DataRowsAsync(string path)
    {
        var options = CsvHelper.CsvReaderOptions.Default with { HasHeader = true };
        await using var stream = File.OpenRead(path);
        await using var csv = CsvHelper.CsvReader.Create(stream, options, true);
        await csv.ReadHeaderAsync(TestContext.Current.CancellationToken);
        var count = 0;
        while (await csv.ReadAsync(TestContext.Current.CancellationToken))
        {
            count++;
        }

        return count;
    }

    [Theory]
    [InlineData("messages_labeled.csv", "messages_labeled.json", 396)]
    [InlineData("hot_issue_messages.csv", "hot_issue_messages.json", 3461)]
    [InlineData("replied_messages.csv", "replied_messages.json", 2253)]
    [InlineData("replied_messages.csv", "replied_messages.replies.json", 2253)]
    public async Task EveryWellFormedRowOfTheGovernmentFilesIsImportedWithTheShippedMapping(string file, string mapping, int expected)
    {
        var rows = await ImportAsync(file, mapping);

        var rejected = rows.Where(r => !r.IsAccepted).SelectMany(r => r.Rejections).ToList();
        Assert.Empty(rejected);
        Assert.Equal(await DataRowsAsync(DataFile(file)) - rejected.Count, rows.Count(r => r.IsAccepted));
        Assert.Equal(expected, rows.Count(r => r.IsAccepted));
        Assert.Equal(rows.Count, rows.Select(r => r.Message!.SourceId).Distinct().Count());
    }

    [Fact]
    public async Task AGovernmentMessageKeepsItsIdTitleChinaTimeAndJoinedText()
    {
        var first = (await ImportAsync("messages_labeled.csv", "messages_labeled.json"))[0].Message!;

        Assert.Equal("teddy2020-fj2-3742", first.SourceId);
        Assert.Equal("A3区杜鹃文苑小区外的非法汽车检测站要开业了！", first.Title);
        Assert.Equal(new DateTimeOffset(2018, 12, 26, 2, 13, 37, TimeSpan.Zero), first.Time);
        Assert.StartsWith("A3区杜鹃文苑小区外的非法汽车检测站要开业了！\nA市政府、市交警支队", first.Text, StringComparison.Ordinal);
        Assert.Equal("gov-message-board", first.Account);
        Assert.StartsWith("u_", first.Author, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepliesPointAtTheMessageTheyAnswer()
    {
        var reply = (await ImportAsync("replied_messages.csv", "replied_messages.replies.json"))[0].Message!;
        Assert.Equal("teddy2020-fj4-2549-reply", reply.SourceId);
        Assert.Equal("teddy2020-fj4-2549", reply.ParentId);
        Assert.Equal("reply", reply.Kind);
        Assert.Null(reply.Author);
    }
}
