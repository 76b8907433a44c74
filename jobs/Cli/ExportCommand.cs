using System.Text.Json;
using Monitor.Index;

namespace Monitor.Jobs.Cli;

/// <summary><c>monitor export --format jsonl</c>: every stored message with its source ids and analysis, one JSON object a line.</summary>
public static class ExportCommand
{
    public static Task<int> RunAsync(IMessageStore store, TextWriter output, CancellationToken cancellationToken) =>
        RunAsync(store, output, static (message, _) => ValueTask.FromResult(message), cancellationToken);

    /// <summary>
    /// Writes each message as <paramref name="view"/> returns it: the host decides what may leave (the dashboard seals
    /// 涉黑举报 reports), and may record a message before it is written.
    /// </summary>
    public static async Task<int> RunAsync(
        IMessageStore store, TextWriter output, Func<StoredMessage, CancellationToken, ValueTask<StoredMessage>> view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(view);
        await foreach (var stored in store.ExportAsync(cancellationToken))
        {
            var shown = await view(stored, cancellationToken);
            await output.WriteLineAsync(JsonSerializer.Serialize(ExportRecord.From(shown), CliJson.Options));
        }

        await output.FlushAsync(cancellationToken);
        return 0;
    }
}
