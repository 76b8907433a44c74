namespace Monitor.Ingest.Import;

/// <summary>A loaded mapping, or every problem that stopped it loading.</summary>
public sealed record ImportMappingResult(ImportMapping? Mapping, IReadOnlyList<string> Problems)
{
    public bool IsValid => Mapping is not null;
}
