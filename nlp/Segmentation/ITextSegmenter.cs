namespace Monitor.Nlp.Segmentation;

/// <summary>Chinese word segmentation; one instance is loaded once and is safe to share across threads.</summary>
public interface ITextSegmenter
{
    /// <summary>Identifies the dictionaries in use, recorded with every analysis.</summary>
    string DictionaryVersion { get; }

    /// <summary>Tokens of <paramref name="text"/>; whitespace-only and empty tokens are dropped.</summary>
    IReadOnlyList<string> Cut(string text, SegmentMode mode = SegmentMode.Exact, bool hmm = true);
}
