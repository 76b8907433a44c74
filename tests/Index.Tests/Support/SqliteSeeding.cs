using Monitor.Index.Cases;

namespace Monitor.Index.Tests.Support;

/// <summary>Stores seed messages the way production does: ingest, the pipeline's save, then responders' actions.</summary>
public static class SqliteSeeding
{
    public static async Task<IReadOnlyDictionary<string, long>> StoreAsync(
        IMessageStore store, ICaseWorkflow cases, IReadOnlyList<SeedMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(messages);
        await store.IngestBatchAsync([.. messages.Select(m => m.Message)], cancellationToken);
        var ids = new Dictionary<string, long>();
        await foreach (var stored in store.ExportAsync(cancellationToken))
        {
            ids[stored.Message.SourceId] = stored.Id;
        }

        await store.SaveAnalysesAsync(
            [.. messages.Where(m => m.Analysis is not null).Select(m => m.Analysis! with { MessageId = ids[m.Message.SourceId] })],
            cancellationToken);
        foreach (var seed in messages)
        {
            var id = ids[seed.Message.SourceId];
            if (seed.Assignee is not null)
            {
                await cases.AssignAsync(id, seed.Assignee, null, cancellationToken);
            }

            if (seed.RepliedAt is { } replied)
            {
                await cases.ReplyAsync(id, replied, cancellationToken);
            }

            if (seed.ResolvedAt is { } resolved)
            {
                await cases.ResolveAsync(id, resolved, cancellationToken);
            }
        }

        return ids;
    }
}
