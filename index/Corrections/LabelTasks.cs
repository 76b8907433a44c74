using System.Globalization;
using Monitor.Nlp.ServiceFunction;

namespace Monitor.Index.Corrections;

/// <summary>The tasks whose labels people may correct, and what a valid new label is for each.</summary>
public static class LabelTasks
{
    public const string Sentiment = "sentiment";
    public const string Emotion = "emotion";
    public const string Topic = "topic";
    public const string Service = "service";
    public const string Urgency = "urgency";

    public static IReadOnlyList<string> All { get; } = [Sentiment, Emotion, Topic, Service, Urgency];

    public static IReadOnlyList<string> SentimentLabels { get; } = ["positive", "negative"];

    public static IReadOnlyList<string> EmotionLabels { get; } = ["angry", "happy", "neutral", "sad", "fear", "surprise"];

    /// <summary>Why <paramref name="label"/> is not a label of <paramref name="task"/>, or null when it is.</summary>
    public static string? Problem(string? task, string? label)
    {
        if (task is null || !All.Contains(task))
        {
            return $"task must be one of {string.Join(", ", All)}, was '{task}'";
        }

        if (string.IsNullOrWhiteSpace(label))
        {
            return "the new label is empty";
        }

        return task switch
        {
            Sentiment when !SentimentLabels.Contains(label) => $"a sentiment is one of {string.Join(", ", SentimentLabels)}",
            Emotion when !EmotionLabels.Contains(label) => $"an emotion is one of {string.Join(", ", EmotionLabels)}",
            Service when !ServiceFunctions.All.Contains(label) => $"a service function is one of {string.Join(", ", ServiceFunctions.All)}",
            Urgency when !int.TryParse(label, NumberStyles.None, CultureInfo.InvariantCulture, out var u) || u > 100 => "an urgency is a whole number from 0 to 100",
            Topic when label.Length > 32 || label.Any(char.IsControl) => "a topic label has at most 32 characters and no control characters",
            _ => null,
        };
    }
}
