namespace Monitor.Nlp.Sentiment;

/// <summary>
/// Turns a text and its jieba tokens into the two text columns the model reads. Shared by training and scoring so
/// both see exactly the same features.
/// </summary>
internal static class SentimentFeatureText
{
    private static readonly HashSet<string> Negations =
    [
        "不", "没", "没有", "无", "未", "别", "非", "不是", "不会", "不能", "不要", "不太", "不够", "不怎么", "并不", "从不", "毫不", "绝不", "没什么",
    ];

    private static readonly HashSet<string> ScopeBreakers =
    [
        "，", "。", "！", "？", "；", "、", ",", ".", "!", "?", ";", "~", "～", "但", "但是", "可是", "不过", "而且",
    ];

    /// <summary>Lower-cased tokens joined by spaces; a word inside a negation scope (the two words after 不/没…) gets a <c>!</c> prefix.</summary>
    public static string Words(IReadOnlyList<string> tokens) => string.Join(' ', MarkedWords(tokens));

    /// <summary>The tokens of <see cref="Words"/> as a list.</summary>
    public static List<string> MarkedWords(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var parts = new List<string>(tokens.Count);
        var scope = 0;
        foreach (var raw in tokens)
        {
            var token = raw.Trim().ToLowerInvariant();
            if (token.Length == 0)
            {
                continue;
            }

            if (Negations.Contains(token))
            {
                parts.Add(token);
                scope = 2;
                continue;
            }

            if (ScopeBreakers.Contains(token))
            {
                scope = 0;
                parts.Add(token);
                continue;
            }

            parts.Add(scope > 0 ? "!" + token : token);
            scope = Math.Max(0, scope - 1);
        }

        return parts;
    }

    /// <summary>
    /// Weibo emoticons such as <c>[怒]</c> or <c>[哈哈]</c> in a text, each as one token (the segmenter splits them
    /// into bracket and word, which loses that the word was an emoticon).
    /// </summary>
    public static IEnumerable<string> Emoticons(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var open = -1;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '[':
                    open = i;
                    break;
                case ']' when open >= 0 && i - open is > 1 and <= 8:
                    yield return text[open..(i + 1)];
                    open = -1;
                    break;
                case ']':
                case ' ':
                    open = -1;
                    break;
            }
        }
    }

    /// <summary>The raw text for character n-grams: BOM removed, lower-cased, whitespace runs collapsed.</summary>
    public static string Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join(' ', text.Replace("\uFEFF", string.Empty, StringComparison.Ordinal)
            .ToLowerInvariant()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    public static SentimentRow Row(string text, IReadOnlyList<string> tokens, bool label = false) =>
        new() { Label = label, Words = Words(tokens), Text = Text(text) };
}
