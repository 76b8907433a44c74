using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Monitor.Index;
using Monitor.Nlp.Classification;
using Monitor.Nlp.Segmentation;

namespace Monitor.Jobs.Pipeline;

/// <summary>
/// Analyses stored messages in batches: segment, understand (sentiment, emotion, topic, service function, urgency),
/// link near-duplicates, save. A message whose analysis fails stays stored with
/// the reason and is retried later with a growing delay; one bad message never holds back the rest of its batch.
/// </summary>
public sealed partial class AnalysisPipeline(
    IMessageStore store,
    ITextSegmenter segmenter,
    MessageUnderstanding understanding,
    NearDuplicateClusters clusters,
    TimeProvider time,
    ILogger<AnalysisPipeline> logger)
{
    public const int DefaultBatchSize = 256;

    /// <summary>
    /// The largest batch while a backlog drains. A bigger batch shares more of the save's per-batch upserts (daily
    /// counts; the keyword blocks are folded apart, in chunks of 16,384 — bench/README.md, end to end).
    /// Not larger: the save holds the store's write lock, and callback deliveries wait behind it (WeChat gives 5 s).
    /// </summary>
    public const int MaxBatchSize = 1024;

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
        var results = new List<AnalysisResult>(inputs.Count);
        var understood = await UnderstandAsync(inputs, cancellationToken);
        var classified = Stopwatch.GetTimestamp();
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
                    Urgency = new UrgencyAssessment(
                        u.Urgency.Score,
                        u.Urgency.Reasons.Select(r => $"{r.Factor}（{string.Join("、", r.Evidence)}）+{r.Points}").ToList()),
                    NearDuplicate = await clusters.AssignAsync(id, inputs[i].Input.Text, cancellationToken),
                });
            }
        }

        var linked = Stopwatch.GetTimestamp();
        await store.SaveAnalysesAsync(results, cancellationToken);
        var saved = Stopwatch.GetTimestamp();
        if (logger.IsEnabled(LogLevel.Debug))
        {
            // Stage times per batch: bench/Monitor.EndToEnd reads them to say which stage limits throughput.
            var segmentMs = Stopwatch.GetElapsedTime(started, segmented).TotalMilliseconds;
            var classifyMs = Stopwatch.GetElapsedTime(segmented, classified).TotalMilliseconds;
            var linkMs = Stopwatch.GetElapsedTime(classified, linked).TotalMilliseconds;
            var saveMs = Stopwatch.GetElapsedTime(linked, saved).TotalMilliseconds;
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
        List<(PendingAnalysis Pending, TextInput Input)> inputs, CancellationToken cancellationToken)
    {
        var predictions = new Understood?[inputs.Count];
        try
        {
            var batch = understanding.UnderstandBatch(inputs.ConvertAll(i => i.Input));
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
                predictions[i] = understanding.Understand(inputs[i].Input);
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
