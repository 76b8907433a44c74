namespace Monitor.Nlp.Classification;

/// <summary>
/// One labelled example. <paramref name="Source"/> names where it came from (file and row) for error messages;
/// <paramref name="Weight"/> lowers the influence of pseudo-labelled or keyword examples in training.
/// </summary>
public sealed record LabeledText(string Text, string Label, string Source, float Weight = 1f);
