namespace Monitor.Nlp.ServiceFunction;

/// <summary>
/// The service a message asks for, a 0–1 strength of the evidence, and the words (or <c>topic:…</c>) that triggered
/// the decision; <see cref="ServiceFunctions.Other"/> has no triggers.
/// </summary>
public sealed record ServiceFunctionResult(string Label, double Score, IReadOnlyList<string> Triggers);
