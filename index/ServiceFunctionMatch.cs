namespace Monitor.Index;

/// <summary>
/// Which of the account's service functions a message asks for (e.g. <c>政务查询</c>, <c>污染举报</c>, <c>涉黑举报</c>) and the
/// words that triggered the routing.
/// </summary>
public sealed record ServiceFunctionMatch(string Label, IReadOnlyList<string> Triggers);
