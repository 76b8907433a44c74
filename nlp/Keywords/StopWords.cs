using System.Collections.Frozen;

namespace Monitor.Nlp.Keywords;

/// <summary>Stop words (jieba.NET's <c>Resources/stopwords.txt</c>: 653 English and Chinese function words), compared lower-case.</summary>
internal sealed class StopWords
{
    private readonly FrozenSet<string> words;

    private StopWords(FrozenSet<string> words) => this.words = words;

    public static StopWords Load(string path) =>
        new(File.ReadLines(path).Select(l => l.Trim().TrimStart('\uFEFF').Trim()).Where(l => l.Length > 0)
            .Select(l => l.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal));

    /// <summary>jieba's filter: a keyword candidate has at least 2 non-blank characters and is no stop word.</summary>
    public bool IsCandidate(string word) => word.AsSpan().Trim().Length >= 2 && !words.Contains(word.ToLowerInvariant());
}
