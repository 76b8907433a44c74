using System.Text.RegularExpressions;

namespace Monitor.Nlp.Credibility;

/// <summary>
/// Finds disbelief, rumour, censorship and repetition markers with their exact spans. The pipeline combines them with
/// store facts (a complaint repeated after the account declared the issue solved, unanswered negative comments, the
/// featured-versus-all sentiment gap); this class only reads one text and is thread-safe.
/// </summary>
public static partial class CredibilityDetector
{
    private static readonly (string Kind, Regex Pattern)[] Rules =
    [
        (CredibilitySignalKinds.Disbelief, Disbelief()),
        (CredibilitySignalKinds.Rumour, Rumour()),
        (CredibilitySignalKinds.Censorship, Censorship()),
        (CredibilitySignalKinds.Repetition, Repetition()),
    ];

    public static IReadOnlyList<CredibilitySignal> Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var signals = new List<CredibilitySignal>();
        foreach (var (kind, pattern) in Rules)
        {
            foreach (Match m in pattern.Matches(text))
            {
                signals.Add(new CredibilitySignal(kind, m.Index, m.Length, m.Value));
            }
        }

        signals.Sort((a, b) => a.Start.CompareTo(b.Start));
        return signals;
    }

    [GeneratedRegex("不实|失实|假的|假新闻|骗人|糊弄|忽悠|摆拍|作秀|做秀|演戏|睁眼说瞎话|谁信|鬼才信|信你才怪|又在吹|洗白", RegexOptions.CultureInvariant)]
    private static partial Regex Disbelief();

    [GeneratedRegex("辟谣|谣言|造谣|传谣|传言|网传|小道消息", RegexOptions.CultureInvariant)]
    private static partial Regex Rumour();

    [GeneratedRegex("删帖|删评|删评论|被删|删了|控评|封号|禁言", RegexOptions.CultureInvariant)]
    private static partial Regex Censorship();

    [GeneratedRegex("说了多少次|说了[好很]?多次|反映[了过]?多次|多次反映|再次反映|又是[^，。！？,.!?]{0,12}|还是没|至今没|至今未|一直没|屡次", RegexOptions.CultureInvariant)]
    private static partial Regex Repetition();
}
