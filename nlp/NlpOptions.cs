namespace Monitor.Nlp;

/// <summary>Settings of the NLP area, bound from the configuration section <c>Nlp</c>.</summary>
public sealed class NlpOptions
{
    public const string SectionName = "Nlp";

    /// <summary>
    /// The folder holding <c>sentiment/model.zip</c>. Default: the first existing of <c>&lt;current dir&gt;/models</c>
    /// and <c>&lt;app base dir&gt;/models</c>.
    /// </summary>
    public string ModelsPath { get; set; } = DefaultModelsPath();

    public string SentimentModelPath => Path.Combine(ModelsPath, "sentiment", "model.zip");

    public string EmotionModelPath => Path.Combine(ModelsPath, "emotion", "model.zip");

    /// <summary>The government 一级分类 topic model (or a county's own, trained with <c>monitor train topic</c>).</summary>
    public string TopicModelPath => Path.Combine(ModelsPath, "topic", "model.zip");

    internal static string DefaultModelsPath()
    {
        string[] candidates =
        [
            Path.Combine(Directory.GetCurrentDirectory(), "models"),
            Path.Combine(AppContext.BaseDirectory, "models"),
        ];
        return candidates.FirstOrDefault(Directory.Exists) ?? candidates[0];
    }
}
