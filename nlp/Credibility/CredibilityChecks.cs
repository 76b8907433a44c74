using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitor.Nlp.Credibility;

/// <summary>
/// The credibility checks that need more than one text (PRODUCT.md idea 2). Pure: the caller reads the messages from
/// the store (a citizen's thread or case, the comments under a post with their sentiment, featured flag and replies)
/// and passes them in; every flag carries the spans that show it. Thread-safe.
/// </summary>
public static partial class CredibilityChecks
{
    private static readonly SearchValues<char> SentenceEnds = SearchValues.Create("。！？!?；;\n");

    /// <summary>
    /// A complaint repeated after the account declared the issue solved: an account message that says so (已解决,
    /// 已整改, 处理完毕…) or marks the case resolved, followed by a citizen message on the same issue — one that says it
    /// is not solved (还是, 依旧, 又, 没有解决…) or shares at least <see cref="CredibilityThresholds.SameIssueOverlap"/> of
    /// its character pairs with the citizen's messages before the declaration. One flag per declaration contradicted.
    /// </summary>
    public static IReadOnlyList<CredibilityFlag> RepeatedAfterSolved(IEnumerable<ThreadEntry> thread, CredibilityThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(thread);
        var limits = thresholds ?? CredibilityThresholds.Default;
        var entries = thread.OrderBy(e => e.Time).ToList();
        var flags = new List<CredibilityFlag>();
        for (var i = 0; i < entries.Count; i++)
        {
            var declaration = entries[i];
            if (!declaration.FromAccount || SolvedSpan(declaration) is not { } solved)
            {
                continue;
            }

            var before = entries.Take(i).Where(e => !e.FromAccount).ToList();
            var earlierPairs = new HashSet<string>(before.SelectMany(e => CharacterPairs(e.Text)), StringComparer.Ordinal);
            var nextDeclaration = entries.FindIndex(i + 1, e => e.FromAccount && SolvedSpan(e) is not null);
            var after = entries.Skip(i + 1).Take((nextDeclaration < 0 ? entries.Count : nextDeclaration) - i - 1).Where(e => !e.FromAccount);
            var repeats = new List<CredibilityEvidence>();
            foreach (var later in after)
            {
                if (NotSolvedMarker().Match(later.Text) is { Success: true } marker)
                {
                    repeats.Add(new CredibilityEvidence(later.Id, marker.Index, marker.Length, marker.Value));
                }
                else if (before.Count > 0 && Overlap(later.Text, earlierPairs) >= limits.SameIssueOverlap)
                {
                    repeats.Add(FirstSentence(later.Id, later.Text));
                }
            }

            if (repeats.Count > 0)
            {
                var days = (entries.First(e => e.Id == repeats[0].MessageId).Time - declaration.Time).TotalDays;
                flags.Add(new CredibilityFlag(
                    CredibilitySignalKinds.RepeatedAfterSolved,
                    string.Create(CultureInfo.InvariantCulture,
                        $"declared solved ({solved.Text}), then {repeats.Count} complaint(s) on the same issue, the first {days:0.#} days later"),
                    [solved, .. repeats]));
            }
        }

        return flags;
    }

    /// <summary>
    /// Negative comments (P ≥ <see cref="CredibilityThresholds.NegativeProbability"/>) under one post that the account
    /// has not answered within <see cref="CredibilityThresholds.AnswerWindow"/> of <paramref name="asOf"/>. The evidence
    /// of each is its disbelief/rumour/censorship/repetition markers when it has any, else its first sentence.
    /// </summary>
    public static CredibilityFlag? UnansweredNegativeComments(
        IReadOnlyCollection<PostComment> comments, DateTimeOffset asOf, CredibilityThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(comments);
        var limits = thresholds ?? CredibilityThresholds.Default;
        var unanswered = comments
            .Where(c => c.NegativeProbability >= limits.NegativeProbability && !c.IsAnswered && asOf - c.Time >= limits.AnswerWindow)
            .OrderByDescending(c => c.NegativeProbability)
            .ToList();
        if (unanswered.Count < Math.Max(1, limits.MinUnanswered))
        {
            return null;
        }

        var negative = comments.Count(c => c.NegativeProbability >= limits.NegativeProbability);
        var evidence = unanswered.SelectMany(CommentEvidence).ToList();
        return new CredibilityFlag(
            CredibilitySignalKinds.UnansweredNegative,
            string.Create(CultureInfo.InvariantCulture,
                $"{unanswered.Count} of {negative} negative comments (of {comments.Count}) unanswered after {limits.AnswerWindow.TotalHours:0} h"),
            evidence);
    }

    /// <summary>
    /// The featured comments of one post against all of its comments: flagged when the mean P(positive) of the
    /// featured ones exceeds that of all by at least <see cref="CredibilityThresholds.FeaturedGap"/> and at least one
    /// negative comment was left out. Evidence: the most negative comments not featured (up to three).
    /// </summary>
    public static CredibilityFlag? FeaturedSentimentGap(IReadOnlyCollection<PostComment> comments, CredibilityThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(comments);
        var limits = thresholds ?? CredibilityThresholds.Default;
        var featured = comments.Where(c => c.IsFeatured).ToList();
        if (comments.Count < limits.MinComments || featured.Count < limits.MinFeatured)
        {
            return null;
        }

        var featuredPositive = featured.Average(c => 1 - c.NegativeProbability);
        var allPositive = comments.Average(c => 1 - c.NegativeProbability);
        var hidden = comments.Where(c => !c.IsFeatured && c.NegativeProbability >= limits.NegativeProbability)
            .OrderByDescending(c => c.NegativeProbability).Take(3).ToList();
        if (featuredPositive - allPositive < limits.FeaturedGap || hidden.Count == 0)
        {
            return null;
        }

        return new CredibilityFlag(
            CredibilitySignalKinds.FeaturedGap,
            string.Create(CultureInfo.InvariantCulture,
                $"featured comments {featuredPositive * 100:0}% positive ({featured.Count}), all comments {allPositive * 100:0}% ({comments.Count})"),
            hidden.SelectMany(CommentEvidence).ToList());
    }

    private static IEnumerable<CredibilityEvidence> CommentEvidence(PostComment comment)
    {
        var signals = CredibilityDetector.Detect(comment.Text);
        return signals.Count > 0
            ? signals.Select(s => new CredibilityEvidence(comment.Id, s.Start, s.Length, s.Evidence))
            : [FirstSentence(comment.Id, comment.Text)];
    }

    private static CredibilityEvidence? SolvedSpan(ThreadEntry entry)
    {
        if (SolvedMarker().Match(entry.Text) is { Success: true } m)
        {
            return new CredibilityEvidence(entry.Id, m.Index, m.Length, m.Value);
        }

        return entry.ResolvedHere ? FirstSentence(entry.Id, entry.Text) : null;
    }

    private static CredibilityEvidence FirstSentence(string id, string text)
    {
        var end = text.AsSpan().IndexOfAny(SentenceEnds);
        var length = Math.Min(end < 0 ? text.Length : end + 1, 60);
        return new CredibilityEvidence(id, 0, length, text[..length]);
    }

    /// <summary>Pairs of adjacent CJK characters: a word-level overlap without needing a segmenter.</summary>
    private static IEnumerable<string> CharacterPairs(string text)
    {
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (IsCjk(text[i]) && IsCjk(text[i + 1]))
            {
                yield return text.Substring(i, 2);
            }
        }
    }

    private static double Overlap(string text, HashSet<string> earlier)
    {
        var pairs = CharacterPairs(text).Distinct(StringComparer.Ordinal).ToList();
        return pairs.Count == 0 ? 0 : pairs.Count(earlier.Contains) / (double)pairs.Count;
    }

    private static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff';

    [GeneratedRegex("已(?:经)?(?:解决|处理完毕|处理好|处理到位|整改(?:完毕|到位)?|修复|修好|恢复|办结|落实|清理|拆除|查处|关停)|处理完毕|整改到位|问题已(?:经)?解决", RegexOptions.CultureInvariant)]
    private static partial Regex SolvedMarker();

    [GeneratedRegex("根本没有?(?:解决|处理|整改)|并没有?(?:解决|处理|整改)|没有?(?:解决|处理|整改)|仍然|仍旧|依然|依旧|还是|又(?:开始|来了|出现|是)|再次|照样|根本没", RegexOptions.CultureInvariant)]
    private static partial Regex NotSolvedMarker();
}
