using System.Text;

namespace Monitor.Index.Queries;

/// <summary>
/// Turns space-joined tokens back into text a reader expects: Chinese words run together, a space stays only
/// between two Latin words or numbers (<c>扫黑 除恶 APP 下载</c> → <c>扫黑除恶APP 下载</c>).
/// </summary>
public static class DisplayText
{
    /// <summary>Marks around highlighted words in backend snippets; private-use characters no citizen types.</summary>
    internal const char MarkStart = '\uE000';
    internal const char MarkEnd = '\uE001';

    public static string FromTokens(string spaced)
    {
        ArgumentNullException.ThrowIfNull(spaced);
        var tokens = spaced.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var text = new StringBuilder(spaced.Length);
        foreach (var token in tokens)
        {
            if (text.Length > 0 && IsLatin(LastVisible(text)) && IsLatin(FirstVisible(token)))
            {
                text.Append(' ');
            }

            text.Append(token);
        }

        return text.ToString();
    }

    /// <summary>Splits a backend snippet (tokens, with marked words) into display runs.</summary>
    public static IReadOnlyList<SnippetPart> Snippet(string markedTokens)
    {
        ArgumentNullException.ThrowIfNull(markedTokens);
        var text = FromTokens(markedTokens);
        var parts = new List<SnippetPart>();
        var run = new StringBuilder();
        var highlighted = false;
        foreach (var c in text)
        {
            if (c is MarkStart or MarkEnd)
            {
                if (run.Length > 0)
                {
                    parts.Add(new SnippetPart(run.ToString(), highlighted));
                    run.Clear();
                }

                highlighted = c == MarkStart;
                continue;
            }

            run.Append(c);
        }

        if (run.Length > 0)
        {
            parts.Add(new SnippetPart(run.ToString(), highlighted));
        }

        return parts;
    }

    private static char LastVisible(StringBuilder text)
    {
        for (var i = text.Length - 1; i >= 0; i--)
        {
            if (text[i] is not (MarkStart or MarkEnd))
            {
                return text[i];
            }
        }

        return ' ';
    }

    private static char FirstVisible(string token)
    {
        foreach (var c in token)
        {
            if (c is not (MarkStart or MarkEnd))
            {
                return c;
            }
        }

        return ' ';
    }

    private static bool IsLatin(char c) => char.IsAsciiLetterOrDigit(c);
}
