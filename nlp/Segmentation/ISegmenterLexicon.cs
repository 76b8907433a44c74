namespace Monitor.Nlp.Segmentation;

/// <summary>
/// The dictionary behind the fast segmenter, extended at run time. Every change builds a new dictionary aside and swaps
/// it in atomically: cuts already running finish on the old one, none sees a half-built dictionary.
/// </summary>
public interface ISegmenterLexicon
{
    /// <summary>"jieba-0.42.1", or "jieba-0.42.1+" and a short hash of the user words in use.</summary>
    string Version { get; }

    /// <summary>The user dictionary files in use, in load order.</summary>
    IReadOnlyList<string> UserDictionaryPaths { get; }

    /// <summary>Replaces the user dictionary files (jieba format <c>word [freq] [tag]</c>); the added words are kept.</summary>
    void UseUserDictionaries(IReadOnlyList<string> paths);

    /// <summary>Adds words on top of the user dictionaries.</summary>
    void AddWords(IReadOnlyList<UserWord> words);

    /// <summary>Frequency of a word in the dictionary in use, 0 when it is no word.</summary>
    int FrequencyOf(string word);

    /// <summary>POS tag of a word in the dictionary in use, or null.</summary>
    string? TagOf(string word);
}
