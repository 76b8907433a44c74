namespace Monitor.Nlp.Segmentation;

/// <summary>Creates the jieba segmenter for tools that do not use dependency injection.</summary>
public static class TextSegmenterFactory
{
    /// <summary>A new jieba segmenter (loads the dictionary, about a second); keep one per process.</summary>
    public static ITextSegmenter CreateJieba() => new JiebaTextSegmenter();
}
