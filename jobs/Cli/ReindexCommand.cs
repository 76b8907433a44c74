using System.Globalization;
using Monitor.Index;
using Monitor.Index.Elasticsearch;

namespace Monitor.Jobs.Cli;

/// <summary>
/// <c>monitor reindex --to elasticsearch [--es-url URL]</c>: copies the SQLite store into Elasticsearch in id order,
/// checkpointing after every batch, so a second run continues where an interrupted one stopped; then copies again
/// the messages changed since their copy (the store's change log, checkpointed the same way). A progress line on
/// stderr; documents Elasticsearch refused are counted and kept in the store's dead-letter table. The rest of the
/// <c>Monitor:Elasticsearch</c> section (index prefix, bulk sizes, retries) is the one serve uses, so the copy is
/// written where serve's questions read it. One run per copy at a time: a second one exits with <see cref="LeaseHeld"/>
/// and says which process holds the copy's lease and until when.
/// </summary>
public static class ReindexCommand
{
    public const int BatchSize = 1000;

    public const int UsageError = 2;

    /// <summary>Another run holds the target's lease: this one copied nothing (a timer can tell it from a failure).</summary>
    public const int LeaseHeld = 3;

    /// <param name="dataDirectory">The data folder holding the store.</param>
    /// <param name="elasticsearchUrl">The node from <c>--es-url</c>; null or empty takes <paramref name="configured"/>'s URL.</param>
    /// <param name="configured">The <c>Monitor:Elasticsearch</c> section as serve binds it, bound for this run (its URL is set to the node used).</param>
    /// <param name="error">Where progress and errors go.</param>
    /// <param name="cancellationToken">Stops the copy after the current batch's checkpoint.</param>
    public static async Task<int> RunAsync(
        string dataDirectory, string? elasticsearchUrl, ElasticsearchOptions configured, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(configured);
        if (string.IsNullOrWhiteSpace(elasticsearchUrl) && configured.Url is null)
        {
            await error.WriteLineAsync("No Elasticsearch node: give --es-url or set Monitor:Elasticsearch:Url (Monitor__Elasticsearch__Url).");
            return UsageError;
        }

        var given = string.IsNullOrWhiteSpace(elasticsearchUrl) ? configured.Url!.OriginalString : elasticsearchUrl;
        if (!Uri.TryCreate(given, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            await error.WriteLineAsync($"--es-url '{given}' is not an http(s) URL such as http://localhost:9200.");
            return UsageError;
        }

        var databasePath = new StoreOptions { DataDirectory = dataDirectory }.DatabasePath;
        if (!File.Exists(databasePath))
        {
            await error.WriteLineAsync($"No store at {databasePath}: nothing to reindex (--data names the data folder).");
            return 1;
        }

        // The run's own bound copy of the section: only the node changes, every other setting stays as serve has it.
        configured.Url = url;
        var index = ElasticsearchIndex.Connect(configured, databasePath);
        var progress = new SynchronousProgress(state => error.Write(Line(state) + "\r"));
        ReindexProgress done;
        try
        {
            done = await index.ReindexAsync(BatchSize, progress, cancellationToken);
        }
        catch (ReindexLeaseHeldException e)
        {
            await error.WriteLineAsync($"reindex not started: {e.Message}");
            return LeaseHeld;
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
        {
            await error.WriteLineAsync();
            await error.WriteLineAsync($"reindex stopped: {e.Message} Run it again to continue from the last checkpoint.");
            return 1;
        }

        await error.WriteLineAsync(Line(done));
        if (done.Copied < done.Total)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{done.Total - done.Copied} messages wait for their analysis (after id {done.LastId}); the next run copies them analysed."));
        }

        if (done.ChangesWaiting > 0)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{done.Recopied} messages copied again: they changed after their copy (cases, urgency, analyses)."));
        }

        var report = done.Report;
        await error.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"written {report.Written}, already there {report.AlreadyDone}, retries {report.Retries}, dead-lettered {report.DeadLettered}"));
        return report.DeadLettered > 0 ? 1 : 0;
    }

    /// <summary><c>[#########-----------]  45% 450/1000 messages, last id 1234</c></summary>
    public static string Line(ReindexProgress state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var fraction = state.Total == 0 ? 1 : (double)state.Copied / state.Total;
        var filled = (int)Math.Round(fraction * 20);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('-', 20 - filled)}] {fraction,4:P0} {state.Copied}/{state.Total} messages, last id {state.LastId}");
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and print out of order).</summary>
    private sealed class SynchronousProgress(Action<ReindexProgress> report) : IProgress<ReindexProgress>
    {
        public void Report(ReindexProgress value) => report(value);
    }
}
