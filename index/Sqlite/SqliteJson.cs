using System.Text.Encodings.Web;
using System.Text.Json;

namespace Monitor.Index.Sqlite;

/// <summary>Lists of words (urgency reasons, service triggers) stored as readable JSON arrays.</summary>
internal static class SqliteJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static object ToColumn(IReadOnlyList<string>? words) => words is null ? DBNull.Value : JsonSerializer.Serialize(words, Options);

    public static IReadOnlyList<string> FromColumn(string json) => JsonSerializer.Deserialize<string[]>(json, Options) ?? [];
}
