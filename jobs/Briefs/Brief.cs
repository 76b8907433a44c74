using Monitor.Index.Queries;
using Monitor.Jobs.Alerts;

namespace Monitor.Jobs.Briefs;

/// <summary>Every figure of one brief, read from the store; the HTML and the workbook are rendered from this alone.</summary>
public sealed record Brief
{
    public required BriefPeriod Period { get; init; }

    public required BriefVolume Volume { get; init; }

    public required BriefVolume PreviousVolume { get; init; }

    /// <summary>Topics of the period, most messages first, with the previous period's count.</summary>
    public required IReadOnlyList<BriefTopic> Topics { get; init; }

    /// <summary>Terms that rose against the previous period, strongest first.</summary>
    public required IReadOnlyList<HotTerm> HotTerms { get; init; }

    public required IReadOnlyList<TermCount> Keywords { get; init; }

    public required IReadOnlyList<BriefScorecard> Scorecards { get; init; }

    /// <summary>The most urgent unresolved cases at the end of the period.</summary>
    public required IReadOnlyList<BriefCase> Cases { get; init; }

    /// <summary>Alerts and recoveries raised in the period, oldest first.</summary>
    public required IReadOnlyList<AlertNotice> Alerts { get; init; }
}

/// <summary>Analysed messages in a period and how many were positive and negative.</summary>
public sealed record BriefVolume(long Total, long Positive, long Negative);

public sealed record BriefTopic(string Label, long Count, long PreviousCount, long Negative);

public sealed record BriefScorecard(Scorecard Scorecard, IReadOnlyList<PreVetoWarning> Warnings);

/// <summary>A case as the brief names it: number, pseudonym, status and urgency; never the citizen's text.</summary>
public sealed record BriefCase(string CaseNumber, string? Author, string Account, string Status, int Urgency, DateTimeOffset? Deadline);
