namespace Monitor.Nlp.Segmentation;

/// <summary>jieba's three cutting modes.</summary>
public enum SegmentMode
{
    /// <summary>The most likely segmentation (jieba default).</summary>
    Exact,

    /// <summary>Exact, then long words cut again into their dictionary sub-words (for indexing).</summary>
    Search,

    /// <summary>Every dictionary word found in the text, overlapping.</summary>
    Full,
}
