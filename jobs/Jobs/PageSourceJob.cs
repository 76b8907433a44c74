using Monitor.Ingest.Pages;
using Monitor.Jobs.Intake;
using Monitor.Jobs.Sources;
using Quartz;

namespace Monitor.Jobs.Jobs;

/// <summary>
/// Fetches one watched page and compares it with the last snapshot (PRODUCT.md idea 3): New, Edited and Deleted go
/// to the audit trail; the first text and every edited version are stored as messages (an edit gets its own
/// SourceId, <c>url#hash</c>, so the store keeps each version instead of dropping it as a duplicate).
/// A fetch that says nothing (5xx, 403, network) is a failure to retry; the snapshot is kept.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class PageSourceJob(IHttpClientFactory http, PageReader reader, MessageIntake intake, SourceRun run) : IJob
{
    public const string HttpClientName = "Monitor.Pages";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var source = SourceRun.Definition(context);
        var url = source.Url!;
        PageFetchResult fetch;
        try
        {
            fetch = await FetchAsync(url, source.Charset, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw await run.FailedAsync(context, source, 0, $"{url} could not be fetched: {ex.Message}", cancellationToken);
        }

        var previous = await run.State.GetSnapshotAsync(source.Id, url, cancellationToken);
        var change = PageChangeDetector.Detect(previous, fetch);
        if (change.Kind == PageChangeKind.Unavailable)
        {
            throw await run.FailedAsync(context, source, fetch.StatusCode, $"{url}: {change.Summary}", cancellationToken);
        }

        var now = run.Now;
        await run.State.RecordPageChangeAsync(new PageAuditRecord(source.Id, url, change.Kind, change.Summary, now), change.Current, cancellationToken);
        var stored = 0;
        if (change.Current is { } current && change.Kind is PageChangeKind.New or PageChangeKind.Edited)
        {
            var message = current.ToMessage(source.AccountOrId, now);
            if (change.Kind == PageChangeKind.Edited)
            {
                message = message with { SourceId = $"{message.SourceId}#{current.ContentHash[..16]}" };
            }

            stored = (await intake.AcceptBatchAsync([message], cancellationToken)).Created;
        }

        await run.SucceededAsync(source, change.Kind == PageChangeKind.Unchanged ? 0 : Math.Max(stored, 1), cancellationToken);
    }

    private async Task<PageFetchResult> FetchAsync(Uri url, string? charset, CancellationToken cancellationToken)
    {
        var client = http.CreateClient(HttpClientName);
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            return PageFetchResult.Failed(status);
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var snapshot = await reader.ReadAsync(bytes, response.Content.Headers.ContentType?.ToString(), url, charset, cancellationToken);
        return PageFetchResult.Read(snapshot, status);
    }
}
