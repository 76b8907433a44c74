using Monitor.Index;
using Monitor.Ingest;
using Monitor.Ingest.Privacy;
using Monitor.Jobs.Pipeline;

namespace Monitor.Jobs.Intake;

/// <summary>
/// The one door every channel (callback, import, pollers) stores messages through: personal data in the text is
/// replaced by keyed-hash pseudonyms before anything is stored or indexed, and the analysis worker is woken.
/// The raw delivery keeps the original bytes for replay; only the message text is scrubbed.
/// </summary>
public sealed class MessageIntake(IMessageStore store, PersonalDataScrubber scrubber, AnalysisSignal signal)
{
    public async Task<IngestOutcome> AcceptAsync(RawDelivery delivery, Message? message, CancellationToken cancellationToken)
    {
        var outcome = await store.IngestAsync(delivery, message is null ? null : Scrub(message), cancellationToken);
        if (outcome.Created)
        {
            signal.Notify();
        }

        return outcome;
    }

    public async Task<BatchOutcome> AcceptBatchAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var outcome = await store.IngestBatchAsync(messages.Select(Scrub).ToList(), cancellationToken);
        if (outcome.Created > 0)
        {
            signal.Notify();
        }

        return outcome;
    }

    /// <summary>Phone numbers, ID-card numbers, e-mails and card numbers in the text and title become pseudonyms.</summary>
    public Message Scrub(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message with
        {
            Text = scrubber.Scrub(message.Text).Text,
            Title = message.Title is null ? null : scrubber.Scrub(message.Title).Text,
        };
    }
}
