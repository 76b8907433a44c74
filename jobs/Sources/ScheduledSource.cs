namespace Monitor.Jobs.Sources;

/// <summary>A source as the job store holds it, with when it fires next (null when it has no trigger).</summary>
public sealed record ScheduledSource(SourceDefinition Source, DateTimeOffset? NextFireTime);
