namespace Monitor.Nlp.Keywords;

/// <summary>How keywords are scored.</summary>
public enum KeywordMethod
{
    /// <summary>jieba's <c>extract_tags</c>: term frequency × IDF.</summary>
    TfIdf,

    /// <summary>jieba's <c>textrank</c>: PageRank over co-occurrence in a window of 5 tokens.</summary>
    TextRank,
}
