using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitor.Index;
using Monitor.Index.Signals;
using Monitor.Nlp.Classification;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Urgency;

namespace Monitor.Jobs.Pipeline;

/// <summary>
/// Analyses stored messages in batches: segment, link near-duplicates, read the store's urgency signals
/// (<see cref="UrgencyContext"/>), understand (sentiment, emotion, topic, service function, urgency), save, then raise
/// the still-open members of clusters that grew. A message whose analysis fails stays stored with
/// the reason and is retried later with a growing delay; one bad message never holds back the rest of its batch.
/// </summary>
public sealed partial class AnalysisPipeline(
    IMessageStore store,
    ITextSegmenter segmenter,
    MessageUnderstanding understanding,
    NearDuplicateClusters clusters,
    TimeProvider time,
    ILogger<AnalysisPipeline> logger,
    UrgencyContext? urgencyContext = null)
{
    public const int DefaultBatchSize = 256;

    /// <summary>
    /// The largest batch while a backlog drains. A bigger batch shares more of the save's per-batch upserts (daily
    /// counts; the keyword blocks are folded apart, in chunks of 16,384 — bench/README.md, end to end).
    /// Not larger: the save holds the store's write lock, and callback deliveries wait behind it (WeChat gives 5 s).
    /// </summary>
    public const int MaxBatchSize = 1024;

    /// <summary>Repeated contact and growing clusters for urgency; built on the store itself when not injected.</summary>
    private readonly UrgencyContext _urgencyContext = urgencyContext ?? new UrgencyContext(
        store as IUrgencySignals, UrgencyScorerFactory.Create(), Options.Create(new UrgencyContextOptions()), NullLogger<UrgencyContext>.Instance);

    /// <summary>Analyses one batch of due messages; returns how many were taken (0 when nothing was due).</summary>
    public async Task<int> RunOnceAsync(int batchSize, CancellationToken cancellationToken)
    {
        var pending = await store.TakePendingAnalysesAsync(batchSize, time.GetUtcNow(), cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }

        var started = Stopwatch.GetTimestamp();
        var inputs = new List<(PendingAnalysis Pending, TextInput Input)>(pending.Count);
        foreach (var item in pending)
        {
            try
            {
                inputs.Add((item, new TextInput(item.Text, segmenter.Cut(item.Text))));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await FailAsync(item, "segmentation", ex, cancellationToken);
            }
        }

        var segmented = Stopwatch.GetTimestamp();
        // Linked before understanding: urgency counts the cluster's growth and the author's earlier messages.
        var linkedTo = new NearDuplicate[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            linkedTo[i] = await clusters.AssignAsync(inputs[i].Pending.MessageId, inputs[i].Input.Text, cancellationToken);
        }

        var signals = await _urgencyContext.GatherAsync(inputs.ConvertAll(i => i.Pending.MessageId), linkedTo, cancellationToken);
        var linked = Stopwatch.GetTimestamp();
        var results = new List<AnalysisResult>(inputs.Count);
        var understood = await UnderstandAsync(inputs, signals.PerMessage, cancellationToken);
        var analysedAt = time.GetUtcNow();
        for (var i = 0; i < inputs.Count; i++)
        {
            if (understood[i] is { } u)
            {
                var id = inputs[i].Pending.MessageId;
                results.Add(new AnalysisResult
                {
                    MessageId = id,
                    Tokens = inputs[i].Input.Tokens,
                    Sentiment = u.Sentiment,
                    ModelVersion = understanding.ModelVersions,
                    DictionaryVersion = segmenter.DictionaryVersion,
                    AnalysedAt = analysedAt,
                    Emotion = new ScoredLabel(u.Emotion.Label, u.Emotion.Score),
                    Topic = new ScoredLabel(u.Topic.Label, u.Topic.Score),
                    ServiceFunction = new ServiceFunctionMatch(u.ServiceFunction.Label, u.ServiceFunction.Triggers),
                    Urgency = new UrgencyAssessment(u.Urgency.Score, u.Urgency.Reasons.Select(UrgencyReasonText.Format).ToList()),
                    NearDuplicate = linkedTo[i],
                });
            }
        }

        var built = Stopwatch.GetTimestamp();
        await store.SaveAnalysesAsync(results, cancellationToken);
        await _urgencyContext.RaiseMembersAsync(signals, cancellationToken);
        var saved = Stopwatch.GetTimestamp();
        if (logger.IsEnabled(LogLevel.Debug))
        {
            // Stage times per batch: bench/Monitor.EndToEnd reads them to say which stage limits throughput.
            var segmentMs = Stopwatch.GetElapsedTime(started, segmented).TotalMilliseconds;
            // link = near-duplicate linking and the store's urgency signals; save = the save and raising growing clusters' members.
            var classifyMs = Stopwatch.GetElapsedTime(linked, built).TotalMilliseconds;
            var linkMs = Stopwatch.GetElapsedTime(segmented, linked).TotalMilliseconds;
            var saveMs = Stopwatch.GetElapsedTime(built, saved).TotalMilliseconds;
            LogBatch(logger, results.Count, pending.Count, segmentMs, classifyMs, linkMs, saveMs);
        }
        return pending.Count;
    }

    /// <summary>
    /// Runs batches until nothing is due. Live traffic goes in small batches (a message shows within a second); while
    /// full batches keep coming back there is a backlog (an import, a restart), and the batch doubles up to
    /// <see cref="MaxBatchSize"/>.
    /// </summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        var batchSize = DefaultBatchSize;
        int taken;
        while ((taken = await RunOnceAsync(batchSize, cancellationToken)) > 0)
        {
            total += taken;
            batchSize = taken == batchSize ? Math.Min(batchSize * 2, MaxBatchSize) : DefaultBatchSize;
        }

        // Nothing due: a good moment to count the last saved messages into the keyword aggregates.
        await store.FoldKeywordsAsync(time.GetUtcNow(), cancellationToken);
        return total;
    }

    /// <summary>The delay before the next try grows with each failure: 10 s, 20 s, 40 s ... at most an hour.</summary>
    internal static TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(3600, 10 * Math.Pow(2, Math.Max(0, attempts - 1))));

    private async Task<Understood?[]> UnderstandAsync(
        List<(PendingAnalysis Pending, TextInput Input)> inputs, IReadOnlyList<UrgencySignals> signals, CancellationToken cancellationToken)
    {
        var predictions = new Understood?[inputs.Count];
        try
        {
            var batch = understanding.UnderstandBatch(inputs.ConvertAll(i => i.Input), signals);
            for (var i = 0; i < batch.Count; i++)
            {
                predictions[i] = batch[i];
            }

            return predictions;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The batch failed as a whole: score one by one so only the message at fault is held back.
            LogBatchFallback(logger, ex.GetType().Name);
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            try
            {
                predictions[i] = understanding.Understand(inputs[i].Input, signals[i]);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await FailAsync(inputs[i].Pending, "understanding", ex, cancellationToken);
            }
        }

        return predictions;
    }

    private async Task FailAsync(PendingAnalysis item, string stage, Exception ex, CancellationToken cancellationToken)
    {
        var retryAt = time.GetUtcNow() + RetryDelay(item.Attempts);
        LogFailure(logger, item.MessageId, stage, ex.GetType().Name, retryAt);
        await store.RecordAnalysisFailureAsync(item.MessageId, $"{stage}: {ex.GetType().Name}: {ex.Message}", retryAt, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Analysed {Analysed} of {Taken} messages: segment {SegmentMs:F1} ms, classify {ClassifyMs:F1} ms, link {LinkMs:F1} ms, save {SaveMs:F1} ms")]
    private static partial void LogBatch(ILogger logger, int analysed, int taken, double segmentMs, double classifyMs, double linkMs, double saveMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch scoring failed ({Error}); scoring one by one")]
    private static partial void LogBatchFallback(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analysis of message {MessageId} failed at {Stage} ({Error}); retry at {RetryAt}")]
    private static partial void LogFailure(ILogger logger, long messageId, string stage, string error, DateTimeOffset retryAt);
}
