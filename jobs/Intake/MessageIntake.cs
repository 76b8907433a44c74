using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Monitor.Index;
using Monitor.Ingest;
using Monitor.Ingest.Privacy;
using Monitor.Jobs.Pipeline;

namespace Monitor.Jobs.Intake;

/// <summary>
/// The one door every channel (callback, import, pollers) stores messages through: personal data in the text is
/// replaced by keyed-hash pseudonyms before anything is stored or indexed, and the analysis worker is woken.
/// The raw delivery keeps the original bytes for replay; only the message text is scrubbed.
/// Single deliveries are group-committed: concurrent callers wait on one writer that stores everything queued in one
/// transaction, so a burst costs one disk flush instead of one per message, and each caller is answered only after
/// its own delivery is durable.
/// </summary>
public sealed partial class MessageIntake : IAsyncDisposable, IDisposable
{
    private const int MaxGroup = 256;

    private readonly IMessageStore _store;
    private readonly PersonalDataScrubber _scrubber;
    private readonly AnalysisSignal _signal;
    private readonly ILogger<MessageIntake> _logger;
    private readonly Channel<PendingDelivery> _queue = Channel.CreateBounded<PendingDelivery>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Lazy<Task> _writer;

    public MessageIntake(IMessageStore store, PersonalDataScrubber scrubber, AnalysisSignal signal, ILogger<MessageIntake> logger)
    {
        _store = store;
        _scrubber = scrubber;
        _signal = signal;
        _logger = logger;
        _writer = new Lazy<Task>(() => Task.Run(WriteLoopAsync), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Stores one delivery (and its message, when it parsed); returns once it is durable.</summary>
    public async Task<IngestOutcome> AcceptAsync(RawDelivery delivery, Message? message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var pending = new PendingDelivery(delivery, message is null ? null : Scrub(message));
        _ = _writer.Value;
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        // Once queued it is written even if this caller gives up; a retry of the same delivery then finds it stored.
        return await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    public async Task<BatchOutcome> AcceptBatchAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var outcome = await _store.IngestBatchAsync(messages.Select(Scrub).ToList(), cancellationToken);
        if (outcome.Created > 0)
        {
            _signal.Notify();
        }

        return outcome;
    }

    /// <summary>Phone numbers, ID-card numbers, e-mails and card numbers in the text and title become pseudonyms.</summary>
    public Message Scrub(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message with
        {
            Text = _scrubber.Scrub(message.Text).Text,
            Title = message.Title is null ? null : _scrubber.Scrub(message.Title).Text,
        };
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer.IsValueCreated)
        {
            await _writer.Value;
        }
    }

    /// <summary>Stops taking deliveries; the writer still stores what was queued.</summary>
    public void Dispose() => _queue.Writer.TryComplete();

    private async Task WriteLoopAsync()
    {
        var group = new List<PendingDelivery>(MaxGroup);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var next))
            {
                group.Add(next);
            }

            await WriteGroupAsync(group);
            group.Clear();
        }
    }

    private async Task WriteGroupAsync(List<PendingDelivery> group)
    {
        try
        {
            var outcomes = await _store.IngestManyAsync(group.ConvertAll(p => (p.Delivery, p.Message)), CancellationToken.None);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Completion.TrySetResult(outcomes[i]);
            }
        }
        catch (Exception ex)
        {
            // One bad delivery must not fail its neighbours: store them one by one so only the culprit fails.
            LogGroupFailed(_logger, group.Count, ex.GetType().Name);
            foreach (var pending in group)
            {
                try
                {
                    pending.Completion.TrySetResult(await _store.IngestAsync(pending.Delivery, pending.Message, CancellationToken.None));
                }
                catch (Exception single)
                {
                    pending.Completion.TrySetException(single);
                }
            }
        }

        if (group.Exists(p => p.Completion.Task.IsCompletedSuccessfully && p.Completion.Task.Result.Created))
        {
            _signal.Notify();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Group commit of {Count} deliveries failed ({Error}); storing them one by one")]
    private static partial void LogGroupFailed(ILogger logger, int count, string error);

    private sealed record PendingDelivery(RawDelivery Delivery, Message? Message)
    {
        public TaskCompletionSource<IngestOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
