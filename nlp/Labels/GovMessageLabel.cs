namespace Monitor.Nlp.Labels;

/// <summary>One of our annotations (see GUIDELINE.md), joined with the message text it is keyed to.</summary>
public sealed record GovMessageLabel(string File, string SrcRow, string Text, string ServiceFunction, int Urgency);
