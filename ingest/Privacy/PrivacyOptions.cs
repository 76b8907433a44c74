namespace Monitor.Ingest.Privacy;

/// <summary>Bound from the configuration section <c>Privacy</c>.</summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>
    /// Base64 of at least 32 random bytes. When empty the host uses <c>pseudonym.key</c> in the data folder,
    /// created on first start (<see cref="Pseudonymizer.LoadOrCreateKey"/>).
    /// </summary>
    public string? PseudonymKey { get; set; }
}
