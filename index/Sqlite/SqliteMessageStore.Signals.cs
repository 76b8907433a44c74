using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Monitor.Index.Signals;

namespace Monitor.Index.Sqlite;

/// <summary>
/// The urgency signals the pipeline reads per batch. Each read is one statement over the batch's ids (passed as a JSON
/// array, so one prepared statement serves any batch size): repeat contacts walk <c>analyses_author</c> (author, time)
/// from the message back over the window, cluster activity walks <c>analyses_cluster</c> (cluster_id, time).
/// </summary>
internal sealed partial class SqliteMessageStore : IUrgencySignals
{
    internal const string ContactHistorySql = """
        SELECT a.message_id, a.time,
            CASE WHEN a.author IS NULL OR a.case_status IS NULL THEN 0 ELSE (
                SELECT count(*) FROM (
                    SELECT 1 FROM analyses e
                    WHERE e.author = a.author AND e.time >= a.time - $window AND e.time <= a.time
                        AND (e.time < a.time OR e.message_id < a.message_id)
                        AND e.case_status IS NOT NULL
                    LIMIT $cap)) END
        FROM analyses a
        WHERE a.message_id IN (SELECT value FROM json_each($ids)) AND a.time IS NOT NULL;
        """;

    /// <summary>
    /// The window ends at the cluster's newest member: the caller's (an unsaved batch member) or the newest stored one.
    /// Counting is index-only (cluster_id, time, and the rowid) however large a campaign grows.
    /// </summary>
    internal const string ClusterActivitySql = """
        WITH excluded(id) AS (SELECT value FROM json_each($excluded)),
        probe(cluster, at) AS (SELECT CAST(key AS INTEGER), value FROM json_each($probes)),
        ref(cluster, at) AS MATERIALIZED (
            SELECT p.cluster, max(p.at, coalesce((
                SELECT a.time FROM analyses a
                WHERE a.cluster_id = p.cluster AND a.message_id NOT IN excluded
                ORDER BY a.time DESC LIMIT 1), p.at))
            FROM probe p)
        SELECT r.cluster, r.at,
            (SELECT count(*) FROM analyses a
             WHERE a.cluster_id = r.cluster AND a.time > r.at - $window AND a.message_id NOT IN excluded),
            (SELECT count(*) FROM analyses a
             WHERE a.cluster_id = r.cluster AND a.time <= r.at - $window AND a.message_id NOT IN excluded)
        FROM ref r;
        """;

    /// <summary>Newest first per cluster, stopping after the limit: the walk is bounded by the limit, not by the cluster.</summary>
    internal const string OpenClusterMembersSql = """
        SELECT a.message_id, a.cluster_id, a.urgency, a.urgency_reasons
        FROM json_each($clusters) c
        JOIN analyses a ON a.message_id IN (
            SELECT m.message_id FROM analyses m
            WHERE m.cluster_id = c.value AND m.case_rank < 3 AND m.state = 'done' AND m.urgency IS NOT NULL
                AND m.message_id NOT IN (SELECT value FROM json_each($excluded))
            ORDER BY m.time DESC, m.message_id DESC LIMIT $per);
        """;

    public async Task<IReadOnlyDictionary<long, ContactHistory>> ContactHistoryAsync(
        IReadOnlyCollection<long> messageIds, TimeSpan window, int cap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        var found = new Dictionary<long, ContactHistory>(messageIds.Count);
        if (messageIds.Count == 0)
        {
            return found;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = ContactHistorySql;
        command.Parameters.AddWithValue("$ids", JsonIds(messageIds));
        command.Parameters.AddWithValue("$window", (long)window.TotalMilliseconds);
        command.Parameters.AddWithValue("$cap", Math.Max(0, cap));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetInt64(0)] = new ContactHistory(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetInt32(2));
        }

        return found;
    }

    public async Task<IReadOnlyDictionary<long, ClusterActivity>> ClusterActivityAsync(
        IReadOnlyDictionary<long, DateTimeOffset> newestByCluster, IReadOnlyCollection<long> excludedIds, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newestByCluster);
        ArgumentNullException.ThrowIfNull(excludedIds);
        var found = new Dictionary<long, ClusterActivity>(newestByCluster.Count);
        if (newestByCluster.Count == 0)
        {
            return found;
        }

        var probes = new StringBuilder("{");
        foreach (var (cluster, newest) in newestByCluster)
        {
            probes.Append(probes.Length > 1 ? "," : string.Empty)
                .Append(CultureInfo.InvariantCulture, $"\"{cluster}\":{newest.ToUnixTimeMilliseconds()}");
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = ClusterActivitySql;
        command.Parameters.AddWithValue("$probes", probes.Append('}').ToString());
        command.Parameters.AddWithValue("$excluded", JsonIds(excludedIds));
        command.Parameters.AddWithValue("$window", (long)window.TotalMilliseconds);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetInt64(0)] = new ClusterActivity(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetInt32(2), reader.GetInt32(3));
        }

        return found;
    }

    public async Task<IReadOnlyList<ClusterMember>> OpenClusterMembersAsync(
        IReadOnlyCollection<long> clusterIds, IReadOnlyCollection<long> excludedIds, int perCluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clusterIds);
        ArgumentNullException.ThrowIfNull(excludedIds);
        var members = new List<ClusterMember>();
        if (clusterIds.Count == 0 || perCluster <= 0)
        {
            return members;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = OpenClusterMembersSql;
        command.Parameters.AddWithValue("$clusters", JsonIds(clusterIds));
        command.Parameters.AddWithValue("$excluded", JsonIds(excludedIds));
        command.Parameters.AddWithValue("$per", perCluster);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var reasons = reader.IsDBNull(3) ? [] : SqliteJson.FromColumn(reader.GetString(3));
            members.Add(new ClusterMember(reader.GetInt64(0), reader.GetInt64(1), new UrgencyAssessment(reader.GetInt32(2), reasons)));
        }

        return members;
    }

    public async Task<int> UpdateUrgencyAsync(IReadOnlyList<UrgencyUpdate> updates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0)
        {
            return 0;
        }

        return await WriteAsync(async (connection, transaction) =>
        {
            // The queue's index (analyses_queue: case_rank, urgency DESC, …) is kept by SQLite with the row; only
            // cases still open are touched, and only when nobody re-analysed or resolved them since they were read.
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE analyses SET urgency = $urgency, urgency_reasons = $reasons
                WHERE message_id = $id AND case_rank < 3 AND urgency = $oldUrgency AND urgency_reasons IS $oldReasons;
                """;
            var id = command.Parameters.Add("$id", SqliteType.Integer);
            var urgency = command.Parameters.Add("$urgency", SqliteType.Integer);
            var reasons = command.Parameters.Add("$reasons", SqliteType.Text);
            var oldUrgency = command.Parameters.Add("$oldUrgency", SqliteType.Integer);
            var oldReasons = command.Parameters.Add("$oldReasons", SqliteType.Text);
            var changed = 0;
            foreach (var update in updates)
            {
                id.Value = update.MessageId;
                urgency.Value = Math.Clamp(update.Urgency.Score, 0, 100);
                reasons.Value = SqliteJson.ToColumn(update.Urgency.Reasons);
                oldUrgency.Value = update.Expected.Score;
                oldReasons.Value = SqliteJson.ToColumn(update.Expected.Reasons);
                changed += await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return changed;
        }, cancellationToken);
    }

    private static string JsonIds(IReadOnlyCollection<long> ids)
    {
        var json = new StringBuilder(2 + (ids.Count * 8)).Append('[');
        foreach (var id in ids)
        {
            json.Append(json.Length > 1 ? "," : string.Empty).Append(id.ToString(CultureInfo.InvariantCulture));
        }

        return json.Append(']').ToString();
    }
}
