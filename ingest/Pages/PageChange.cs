namespace Monitor.Ingest.Pages;

/// <summary>What happened to a watched page between two fetches.</summary>
/// <param name="Kind">The verdict.</param>
/// <param name="Summary">One line for the audit trail, e.g. "title: 'A' → 'B'; body: 2 lines removed, 1 added (812 → 790 chars)".</param>
/// <param name="Current">The snapshot to keep as the new previous one; null when nothing was read.</param>
public sealed record PageChange(PageChangeKind Kind, string Summary, PageSnapshot? Current)
{
    public bool TitleChanged { get; init; }

    public bool BodyChanged { get; init; }

    public int LinesAdded { get; init; }

    public int LinesRemoved { get; init; }
}
