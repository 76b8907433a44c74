namespace Monitor.Nlp.Segmentation;

/// <summary>Creates segmenters for tools that do not use dependency injection; keep one per process.</summary>
public static class TextSegmenterFactory
{
    /// <summary>jieba's dictionary and HMM files, copied from the jieba.NET package to <c>&lt;app base dir&gt;/Resources</c>.</summary>
    public static string ResourcesDirectory => Path.Combine(AppContext.BaseDirectory, "Resources");

    /// <summary>Our county-government user dictionary, copied to <c>&lt;app base dir&gt;/Dictionaries</c>.</summary>
    public static string CountyDictionaryPath => Path.Combine(AppContext.BaseDirectory, "Dictionaries", "county-gov.dict.txt");

    /// <summary>A new jieba.NET segmenter (loads the dictionary, about a second).</summary>
    public static ITextSegmenter CreateJieba() => new JiebaTextSegmenter();

    /// <summary>A new fast segmenter, with the given user dictionaries (none: output as Python jieba).</summary>
    public static ITextSegmenter CreateFast(
        IReadOnlyList<string>? userDictionaryPaths = null, JiebaCompatibility compatibility = JiebaCompatibility.Python) =>
        new FastSegmenter(ResourcesDirectory, userDictionaryPaths, compatibility);

    /// <summary>
    /// A segmenter of the given engine. With <see cref="SegmenterEngine.JiebaNet"/> the user dictionaries go into jieba.NET's
    /// process-global dictionary: create it once per process.
    /// </summary>
    public static ITextSegmenter Create(
        SegmenterEngine engine, IReadOnlyList<string>? userDictionaryPaths = null, JiebaCompatibility compatibility = JiebaCompatibility.Python) =>
        engine switch
        {
            SegmenterEngine.JiebaNet => new JiebaTextSegmenter(userDictionaryPaths ?? []),
            _ => CreateFast(userDictionaryPaths, compatibility),
        };
}
