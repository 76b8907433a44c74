using System.Text.RegularExpressions;
using JiebaNet.Segmenter;

namespace Monitor.Nlp.Segmentation;

/// <summary>
/// <see cref="ITextSegmenter"/> on jieba.NET. jieba's dictionary is read-only once loaded, so one instance serves
/// every thread. Output matches Python jieba 0.42.1: empty and whitespace tokens are dropped and characters outside
/// the BMP (emoji) stay whole where jieba.NET would split them into two surrogate halves.
/// </summary>
internal sealed partial class JiebaTextSegmenter : ITextSegmenter
{
    private static readonly Lock InitLock = new();
    private static bool resourcesConfigured;

    private readonly JiebaSegmenter segmenter;

    public JiebaTextSegmenter()
        : this([])
    {
    }

    /// <summary>
    /// Loads <paramref name="userDictionaryPaths"/> into jieba.NET's dictionary, which is process-global: do it once, at
    /// startup, before any cut (jieba.NET's dictionary is a plain <c>Dictionary</c> without a lock).
    /// </summary>
    public JiebaTextSegmenter(IReadOnlyList<string> userDictionaryPaths)
    {
        ArgumentNullException.ThrowIfNull(userDictionaryPaths);
        ConfigureResources();
        segmenter = new JiebaSegmenter();
        var words = userDictionaryPaths.SelectMany(UserDictionaryFile.Read).ToList();
        foreach (var path in userDictionaryPaths)
        {
            segmenter.LoadUserDict(path);
        }

        DictionaryVersion = UserWordsVersion.Of(words);
    }

    public string DictionaryVersion { get; }

    public IReadOnlyList<string> Cut(string text, SegmentMode mode = SegmentMode.Exact, bool hmm = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return [];
        }

        var raw = mode switch
        {
            SegmentMode.Search => segmenter.CutForSearch(text, hmm),
            SegmentMode.Full => CutAll(text, hmm),
            _ => segmenter.Cut(text, cutAll: false, hmm: hmm),
        };
        return Clean(raw);
    }

    /// <summary>
    /// Full mode as Python jieba does it: runs of Han letters, ASCII letters and digits are cut into every dictionary
    /// word; other runs are split on whitespace and kept whole (jieba.NET would emit "" for them). Differs from Python
    /// only for dictionary words that contain one of . _ % &amp; - (Python may keep such a word whole).
    /// </summary>
    private IEnumerable<string> CutAll(string text, bool hmm)
    {
        foreach (var block in HanBlock().Split(text))
        {
            if (block.Length == 0)
            {
                continue;
            }

            if (HanBlock().IsMatch(block))
            {
                // jieba.NET's full mode turns . _ % & - inside the block into "", Python keeps them as tokens.
                foreach (var piece in FullModeSymbol().Split(block))
                {
                    if (piece.Length == 1 && FullModeSymbol().IsMatch(piece))
                    {
                        yield return piece;
                        continue;
                    }

                    foreach (var word in segmenter.Cut(piece, cutAll: true, hmm: hmm))
                    {
                        yield return word;
                    }
                }
            }
            else
            {
                foreach (var part in block.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                {
                    yield return part;
                }
            }
        }
    }

    /// <summary>Drops empty and whitespace tokens and re-joins a high surrogate with the low surrogate after it.</summary>
    internal static List<string> Clean(IEnumerable<string> raw)
    {
        var tokens = new List<string>();
        string? pending = null;
        foreach (var token in raw)
        {
            if (pending is not null)
            {
                if (token.Length > 0 && char.IsLowSurrogate(token[0]))
                {
                    pending += token;
                    if (!char.IsHighSurrogate(pending[^1]))
                    {
                        tokens.Add(pending);
                        pending = null;
                    }

                    continue;
                }

                tokens.Add(pending);
                pending = null;
            }

            if (string.IsNullOrWhiteSpace(token))
            {
                continue;
            }

            if (char.IsHighSurrogate(token[^1]))
            {
                pending = token;
            }
            else
            {
                tokens.Add(token);
            }
        }

        if (pending is not null)
        {
            tokens.Add(pending);
        }

        return tokens;
    }

    /// <summary>Points jieba.NET at <c>&lt;base dir&gt;/Resources</c> unless it is already pointed at a folder with a dictionary.</summary>
    private static void ConfigureResources()
    {
        lock (InitLock)
        {
            if (resourcesConfigured)
            {
                return;
            }

            var current = ConfigManager.ConfigFileBaseDir;
            if (string.IsNullOrEmpty(current) || !File.Exists(Path.Combine(current, "dict.txt")))
            {
                ConfigManager.ConfigFileBaseDir = Path.Combine(AppContext.BaseDirectory, "Resources");
            }

            resourcesConfigured = true;
        }
    }

    /// <summary>Python jieba's <c>re_han_default</c>.</summary>
    [GeneratedRegex(@"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)")]
    private static partial Regex HanBlock();

    /// <summary>The symbols of <c>re_han_default</c> that jieba.NET's full mode loses.</summary>
    [GeneratedRegex(@"([._%&\-])")]
    private static partial Regex FullModeSymbol();
}
