using System.Text.Json;

namespace Monitor.Jobs.Retraining;

/// <summary>
/// A task's <c>state.json</c>: the promoted version (null while the deployed model of <c>Nlp:ModelsPath</c> is
/// current) and the last correction a retraining considered, promoted or not, so a rejected set of corrections is
/// not trained on again until new ones arrive.
/// </summary>
public sealed record RetrainingState(string? Current, long ConsideredCorrectionId)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static RetrainingState Read(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<RetrainingState>(File.ReadAllText(path)) ?? new(null, 0) : new(null, 0);

    /// <summary>Written next to the target and moved over it, so a crash leaves the old state or the new one.</summary>
    public void Write(string path)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Indented));
        File.Move(temporary, path, overwrite: true);
    }
}
