using Monitor.Nlp.Segmentation;

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

    /// <summary><c>fast</c> (default, our segmenter) or <c>jiebanet</c> (the reference implementation).</summary>
    public SegmenterEngine SegmenterEngine { get; set; } = SegmenterEngine.Fast;

    /// <summary>Whose tie-breaks the fast engine reproduces: <c>python</c> (default, jieba 0.42.1) or <c>jiebanet</c>.</summary>
    public JiebaCompatibility SegmenterCompatibility { get; set; } = JiebaCompatibility.Python;

    /// <summary>Load our county-government dictionary (<c>Dictionaries/county-gov.dict.txt</c>); default true.</summary>
    public bool UseCountyDictionary { get; set; } = true;

    /// <summary>Further user dictionaries (jieba format <c>word [freq] [tag]</c>), loaded after ours in this order.</summary>
    public IList<string> UserDictionaryPaths { get; } = [];

    /// <summary>The IDF of TF-IDF keywords: null for jieba's <c>idf.txt</c>, or e.g. <c>models/idf-gov/idf.txt</c>.</summary>
    public string? IdfPath { get; set; }

    /// <summary>Every user dictionary in use, in load order.</summary>
    public IReadOnlyList<string> EffectiveUserDictionaryPaths =>
        [.. (UseCountyDictionary ? [TextSegmenterFactory.CountyDictionaryPath] : Array.Empty<string>()).Concat(UserDictionaryPaths)];

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
