using Monitor.Index.Corrections;
using Monitor.Ingest;
using Monitor.Jobs.Tests.Support;

namespace Monitor.Jobs.Tests.Retraining;

/// <summary>Stores one WeChat message per correction and corrects the given task's label, as a responder would.</summary>
internal static class Corrections
{
    public static async Task AddAsync(TestStore store, string task, IReadOnlyList<(string Text, string Label)> corrections, CancellationToken cancellationToken)
    {
        var messages = corrections.Select((c, i) => new Message
        {
            SourceKind = "wechat", SourceId = task + i, Account = "gh_test", Time = DateTimeOffset.UtcNow, Text = c.Text,
        }).ToList();
        await store.Store.IngestBatchAsync(messages, cancellationToken);
        var ids = (await store.Store.ExportAsync(cancellationToken).ToListAsync(cancellationToken)).ToDictionary(m => m.Message.SourceId, m => m.Id);
        var labels = (ILabelCorrections)store.Store;
        for (var i = 0; i < corrections.Count; i++)
        {
            Assert.NotNull(await labels.CorrectAsync(ids[task + i], task, corrections[i].Label, "responder", DateTimeOffset.UtcNow, cancellationToken));
        }
    }
}
