namespace Monitor.Index;

/// <summary>A classifier's label with the probability it gave it (topic, emotion).</summary>
public sealed record ScoredLabel(string Label, double Score);
