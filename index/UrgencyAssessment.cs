namespace Monitor.Index;

/// <summary>How urgent a message is (0–100) and why: the danger words, vulnerable people or deadlines that scored it.</summary>
public sealed record UrgencyAssessment(int Score, IReadOnlyList<string> Reasons);
