using Monitor.Nlp.Sentiment;

namespace Monitor.Nlp.Classification;

/// <summary>
/// The text columns every multiclass model reads, shared by training and scoring: the jieba words with negation
/// scope marked (as for sentiment) and the normalized raw text for character n-grams.
/// </summary>
internal static class TextFeatures
{
    public static TextRow Row(string text, IReadOnlyList<string> tokens, string label = "", float weight = 1f) =>
        new() { Label = label, Words = SentimentFeatureText.Words(tokens), Text = SentimentFeatureText.Text(text), Weight = weight };
}
