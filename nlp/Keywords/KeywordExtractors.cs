using Monitor.Nlp.Segmentation;

namespace Monitor.Nlp.Keywords;

/// <summary>Creates keyword extractors on jieba's <c>Resources/idf.txt</c> and <c>stopwords.txt</c>, or our own IDF.</summary>
public static class KeywordExtractors
{
    /// <summary>jieba's IDF table (the same file as Python jieba's).</summary>
    public static string JiebaIdfPath => Path.Combine(TextSegmenterFactory.ResourcesDirectory, "idf.txt");

    public static string StopWordsPath => Path.Combine(TextSegmenterFactory.ResourcesDirectory, "stopwords.txt");

    /// <summary>jieba's default TextRank POS filter.</summary>
    public static IReadOnlySet<string> JiebaTextRankTags { get; } = new HashSet<string>(["ns", "n", "vn", "v"], StringComparer.Ordinal);

    /// <summary>TF-IDF with jieba's IDF, or the IDF file at <paramref name="idfPath"/> (e.g. <c>models/idf-gov/idf.txt</c>).</summary>
    public static IKeywordExtractor CreateTfIdf(ITextSegmenter segmenter, string? idfPath = null)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        return new TfIdfExtractor(segmenter, IdfTable.Load(idfPath ?? JiebaIdfPath), StopWords.Load(StopWordsPath));
    }

    /// <summary>TextRank; POS-free unless <paramref name="allowedTags"/> is given (tags from the segmenter's dictionary).</summary>
    public static IKeywordExtractor CreateTextRank(ITextSegmenter segmenter, IReadOnlySet<string>? allowedTags = null)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        var lexicon = segmenter as ISegmenterLexicon;
        if (allowedTags is not null && lexicon is null)
        {
            throw new ArgumentException("A POS filter needs the fast segmenter, whose dictionary holds the tags.", nameof(allowedTags));
        }

        return new TextRankExtractor(segmenter, StopWords.Load(StopWordsPath), lexicon, allowedTags);
    }

    /// <summary>jieba's keyword filter (at least two characters, not a stop word), e.g. for <see cref="NewTermsScorer"/>.</summary>
    public static Func<string, bool> CreateCandidateFilter()
    {
        var stopWords = StopWords.Load(StopWordsPath);
        return stopWords.IsCandidate;
    }
}
