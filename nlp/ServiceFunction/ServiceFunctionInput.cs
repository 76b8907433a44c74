namespace Monitor.Nlp.ServiceFunction;

/// <summary>A message and, when known, the topic model's label and its probability.</summary>
public sealed record ServiceFunctionInput(string Text, string? Topic = null, double TopicScore = 0);
