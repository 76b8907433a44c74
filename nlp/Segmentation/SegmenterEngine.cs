namespace Monitor.Nlp.Segmentation;

/// <summary>Which implementation serves <see cref="ITextSegmenter"/>.</summary>
public enum SegmenterEngine
{
    /// <summary>Our segmenter (<c>FastSegmenter</c>): jieba's algorithms and files, several times faster.</summary>
    Fast,

    /// <summary>jieba.NET 0.42.2, the reference implementation.</summary>
    JiebaNet,
}
