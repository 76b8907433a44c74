namespace Monitor.Nlp.Keywords;

/// <summary>Keywords of one text; thread-safe.</summary>
public interface IKeywordExtractor
{
    /// <summary>The <paramref name="top"/> highest-weighted keywords of <paramref name="text"/>, best first.</summary>
    IReadOnlyList<Keyword> Extract(string text, int top = 20);
}
