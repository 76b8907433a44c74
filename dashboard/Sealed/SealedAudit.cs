using Microsoft.Data.Sqlite;
using Monitor.Dashboard.Hosting;
using Microsoft.Extensions.Options;
using Monitor.Index;

namespace Monitor.Dashboard.Sealed;

/// <summary>
/// Who opened which sealed message, when and through which screen, in the store's SQLite file. Pages that refresh every
/// few seconds would flood it, so one user opening one message through one endpoint is recorded once per
/// <see cref="Spacing"/>.
/// </summary>
internal sealed class SealedAudit
{
    public static readonly TimeSpan Spacing = TimeSpan.FromMinutes(10);

    private readonly StoreFileTables _tables;
    private readonly TimeProvider _time;

    public SealedAudit(IOptions<StoreOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _tables = new StoreFileTables(options.Value, """
            CREATE TABLE IF NOT EXISTS sealed_openings (
                id INTEGER PRIMARY KEY,
                at INTEGER NOT NULL,
                user_name TEXT NOT NULL,
                message_id INTEGER NOT NULL,
                case_number TEXT NOT NULL,
                endpoint TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS sealed_openings_user ON sealed_openings(user_name, message_id, endpoint, at);
            """);
    }

    public async Task RecordAsync(string user, IEnumerable<StoredMessage> messages, string endpoint, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        foreach (var message in messages)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO sealed_openings (at, user_name, message_id, case_number, endpoint)
                SELECT $at, $user, $id, $case, $endpoint
                WHERE NOT EXISTS (SELECT 1 FROM sealed_openings WHERE user_name = $user AND message_id = $id AND endpoint = $endpoint AND at > $since);
                """;
            command.Parameters.AddWithValue("$at", now);
            command.Parameters.AddWithValue("$user", user);
            command.Parameters.AddWithValue("$id", message.Id);
            command.Parameters.AddWithValue("$case", message.CaseNumber);
            command.Parameters.AddWithValue("$endpoint", endpoint);
            command.Parameters.AddWithValue("$since", now - (long)Spacing.TotalMilliseconds);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The newest openings first.</summary>
    public async Task<IReadOnlyList<SealedOpening>> ListAsync(int max, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT at, user_name, message_id, case_number, endpoint FROM sealed_openings ORDER BY id DESC LIMIT $max;";
        command.Parameters.AddWithValue("$max", max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<SealedOpening>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new SealedOpening(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4)));
        }

        return list;
    }

    private SqliteConnection Open() => _tables.Open();
}

/// <summary>One opening of a sealed message: when, by whom, which message and through which endpoint.</summary>
internal sealed record SealedOpening(DateTimeOffset At, string User, long MessageId, string CaseNumber, string Endpoint);
