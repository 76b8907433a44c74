using System.Buffers;

namespace Monitor.Nlp.ServiceFunction;

/// <summary>
/// The head of a message: where a citizen states what they want. Imported platform messages start with their title
/// line; a WeChat text has no title, so its first sentence stands in. Rules weigh cue words in the head more than cue
/// words deep in a long body, where they are often context ("万一发生火灾", "我想咨询一下为什么还没处理").
/// </summary>
public static class MessageHead
{
    /// <summary>Longest head we accept: a title or first sentence is short; a longer first line is a body.</summary>
    public const int MaxLength = 60;

    private static readonly SearchValues<char> SentenceEnds = SearchValues.Create("。！？!?；;\n");

    /// <summary>The first line when it is short; else the first sentence (its end mark included), at most <see cref="MaxLength"/> characters.</summary>
    public static ReadOnlySpan<char> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan().TrimStart();
        var line = span.IndexOf('\n');
        if (line > 0 && line <= MaxLength)
        {
            return span[..line];
        }

        var end = span.IndexOfAny(SentenceEnds);
        var length = end < 0 ? span.Length : end + 1;
        return span[..Math.Min(length, MaxLength)];
    }
}
