using System.Text.Encodings.Web;
using System.Text.Json;

namespace Monitor.Jobs.Cli;

/// <summary>JSON as the command line writes it: one object a line, Chinese left readable, snake_case names.</summary>
public static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
