using Monitor.Index.Queries;
using Monitor.Index.Sqlite;
using Monitor.Index.Tests.Support;

namespace Monitor.Index.Tests.Sqlite;

/// <summary>
/// Search with more matches than one tier ranks (IMessageQueries.SearchAsync): newest tier first, BM25 inside a
/// tier, every match visited once by the cursor. The corpus is the contract's; a tier of 2 matches makes "河道"
/// (5 matches) three tiers.
/// </summary>
public sealed class SqliteSearchTierTests : IDisposable
{
    private readonly TempDataFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    public async Task PagesWalkTheNewestTierFirstInBm25OrderAndVisitEveryMatchOnce(int pageSize)
    {
        await SeedAsync();
        var oneTier = await AllAsync(new SqliteMessageQueries(_folder.DatabasePath), new MessageFilter { Keyword = "河道" }, 100);
        Assert.Equal(5, oneTier.Count);

        var tiered = await AllAsync(new SqliteMessageQueries(_folder.DatabasePath, searchTier: 2), new MessageFilter { Keyword = "河道" }, pageSize);

        // Expected from the one-tier answer alone: ids newest first in chunks of 2, each chunk best score first, ties by id.
        var expected = oneTier
            .OrderByDescending(h => h.Id)
            .Select((h, i) => (Hit: h, Tier: i / 2))
            .OrderBy(x => x.Tier).ThenByDescending(x => x.Hit.Score).ThenBy(x => x.Hit.Id)
            .Select(x => x.Hit)
            .ToList();
        Assert.Equal(expected, tiered);
        Assert.Equal(tiered.Count, tiered.Select(h => h.Id).Distinct().Count());
    }

    [Fact]
    public async Task TotalCountsEveryMatchOnEveryPage()
    {
        await SeedAsync();
        var queries = new SqliteMessageQueries(_folder.DatabasePath, searchTier: 2);
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await queries.SearchAsync(new MessageFilter { Keyword = "河道" }, 2, cursor, Token);
            Assert.Equal(5, page.Total);
            Assert.NotEmpty(page.Hits);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task FiltersAndTimeWindowsApplyInsideEveryTierAndEmptyTiersAreSkipped()
    {
        await SeedAsync();
        // Negative 河道 messages are m1, m2 and c1; with a tier of 1 match, p1 and m6 are tiers with nothing that passes.
        var filter = new MessageFilter { Keyword = "河道", Sentiment = "negative", From = Corpus.Day0, To = Corpus.Day0.AddDays(14) };
        var oneTier = await AllAsync(new SqliteMessageQueries(_folder.DatabasePath), filter, 100);

        var tiered = await AllAsync(new SqliteMessageQueries(_folder.DatabasePath, searchTier: 1), filter, 1);

        Assert.Equal(3, oneTier.Count);
        Assert.Equal(oneTier.OrderByDescending(h => h.Id), tiered);
    }

    [Fact]
    public async Task AMalformedCursorIsRefusedWithAClearError()
    {
        await SeedAsync();
        var queries = new SqliteMessageQueries(_folder.DatabasePath, searchTier: 2);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => queries.SearchAsync(new MessageFilter { Keyword = "河道" }, 2, "1~2~9~3", Token));

        Assert.Contains("not a search cursor", error.Message, StringComparison.Ordinal);
    }

    private async Task SeedAsync()
    {
        using var store = new SqliteMessageStore(_folder.DatabasePath);
        await SqliteSeeding.StoreAsync(store, new SqliteCaseWorkflow(_folder.DatabasePath), Corpus.Messages, Token);
    }

    private static async Task<List<(long Id, double Score)>> AllAsync(SqliteMessageQueries queries, MessageFilter filter, int pageSize)
    {
        var hits = new List<(long, double)>();
        string? cursor = null;
        for (var pages = 0; pages < 20; pages++)
        {
            var page = await queries.SearchAsync(filter, pageSize, cursor, Token);
            hits.AddRange(page.Hits.Select(h => (h.Message.Id, h.Score)));
            cursor = page.NextCursor;
            if (cursor is null)
            {
                return hits;
            }
        }

        throw new InvalidOperationException("the cursor never ended");
    }
}
