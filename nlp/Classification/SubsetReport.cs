namespace Monitor.Nlp.Classification;

/// <summary>The validation report of one part of the data (a domain, a source file).</summary>
public sealed record SubsetReport(string Name, int TrainRows, MulticlassReport Validation);
