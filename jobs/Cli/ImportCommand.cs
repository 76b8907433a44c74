using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Index;
using Monitor.Ingest;
using Monitor.Ingest.Import;
using Monitor.Jobs.Intake;

namespace Monitor.Jobs.Cli;

/// <summary>
/// <c>monitor import FILE</c>: stores every good row (once, however often the file is imported) and quarantines every
/// bad row with its line number and reason, so the file can be fixed and imported again.
/// </summary>
public static class ImportCommand
{
    private const int BatchSize = 1000;
    private const int SqliteFull = 13;
    private const int SqliteIoError = 10;

    public static async Task<int> RunAsync(
        IServiceProvider services, string path, string? mappingPath, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (!File.Exists(path))
        {
            await errors.WriteLineAsync($"import: file '{path}' does not exist");
            return 1;
        }

        ImportMapping? mapping = null;
        if (mappingPath is not null)
        {
            if (!File.Exists(mappingPath))
            {
                await errors.WriteLineAsync($"import: mapping file '{mappingPath}' does not exist");
                return 1;
            }

            var loaded = await ImportMapping.LoadAsync(mappingPath, cancellationToken);
            if (!loaded.IsValid)
            {
                foreach (var problem in loaded.Problems)
                {
                    await errors.WriteLineAsync($"{Path.GetFileName(mappingPath)}: {problem}");
                }

                return 1;
            }

            mapping = loaded.Mapping;
        }

        var intake = services.GetRequiredService<MessageIntake>();
        var reader = services.GetRequiredService<MessageFileReader>();
        var batch = new List<Message>(BatchSize);
        int created = 0, duplicates = 0, rejected = 0;
        try
        {
            await foreach (var row in reader.ReadAsync(path, null, mapping, cancellationToken))
            {
                if (!row.IsAccepted)
                {
                    rejected++;
                    foreach (var rejection in row.Rejections)
                    {
                        await errors.WriteLineAsync($"{Path.GetFileName(path)}: {rejection.Description}");
                    }

                    // Quarantined with its raw text and every reason, so it can be fixed and replayed.
                    await intake.AcceptAsync(
                        new RawDelivery
                        {
                            Channel = "import",
                            ReceivedAt = DateTimeOffset.UtcNow,
                            Query = $"file={Path.GetFileName(path)}&line={row.Line}",
                            Body = Encoding.UTF8.GetBytes(row.Rejections[0].Raw),
                            RejectionReason = string.Join("; ", row.Rejections.Select(r => r.Description)),
                        },
                        null,
                        cancellationToken);
                    continue;
                }

                batch.Add(row.Message!);
                if (batch.Count == BatchSize)
                {
                    (created, duplicates) = Add(await intake.AcceptBatchAsync(batch, cancellationToken), created, duplicates);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                (created, duplicates) = Add(await intake.AcceptBatchAsync(batch, cancellationToken), created, duplicates);
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteFull or SqliteIoError)
        {
            // A full disk (or a failing one) is not the file's fault: say so plainly; every batch stored before it stays.
            await errors.WriteLineAsync(
                $"import: the store could not be written ({ex.Message.Trim()}); {created} rows were stored before it stopped. " +
                "Free space in the data folder and run the same import again: rows already stored are counted, not doubled.");
            return 1;
        }

        await output.WriteLineAsync($"imported {created} new, {duplicates} already stored, {rejected} rejected");
        return rejected == 0 ? 0 : 1;
    }

    private static (int Created, int Duplicates) Add(BatchOutcome outcome, int created, int duplicates) =>
        (created + outcome.Created, duplicates + outcome.Duplicates);
}
