namespace Monitor.Index;

/// <summary>Where the embedded store keeps its files (section <c>Monitor</c>).</summary>
public sealed class StoreOptions
{
    /// <summary>The data folder; the SQLite file is <c>monitor.db</c> inside it.</summary>
    public string DataDirectory { get; set; } = "data";

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), "monitor.db");
}
