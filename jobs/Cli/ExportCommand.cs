using System.Text.Json;
using Monitor.Index;

namespace Monitor.Jobs.Cli;

/// <summary><c>monitor export --format jsonl</c>: every stored message with its source ids and analysis, one JSON object a line.</summary>
public static class ExportCommand
{
    public static async Task<int> RunAsync(IMessageStore store, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
        await foreach (var stored in store.ExportAsync(cancellationToken))
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(ExportRecord.From(stored), CliJson.Options));
        }

        await output.FlushAsync(cancellationToken);
        return 0;
    }
}
