namespace Monitor.Index.Sqlite;

/// <summary>
/// Keyword counts are kept per aligned block of 2^level days. All accounts together (<c>term_blocks</c>) keep every
/// level 0–9 (1 to 512 days), so any window of N days is the sum of at most about 2·log2(N) blocks. Per account
/// (<c>account_term_blocks</c>, 2.5× the rows) keeps the odd levels 1, 3, 5, 7 and 9 (2, 8, 32, 128 and 512 days):
/// a window is a few blocks per level (at most 3 at each end) and, where it starts or ends on a day no 2-day block
/// covers, the tokens of that account's messages of that one day. Every level kept costs one row per (block, keyword)
/// the keyword fold writes; the odd levels are 40 % of the rows of nine per account (bench/README.md, end to end).
/// Dropping the even levels of all accounts too was measured and not kept: reading a whole day of every account's
/// tokens at each window end tripled the p95 of top keywords and hot topics over all accounts at a million messages.
/// </summary>
internal static class DayBlocks
{
    public const int MaxLevel = 9;

    /// <summary>The levels of <c>term_blocks</c>, smallest first.</summary>
    public static readonly IReadOnlyList<int> AllAccountLevels = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

    /// <summary>The levels of <c>account_term_blocks</c>, smallest first.</summary>
    public static readonly IReadOnlyList<int> AccountLevels = [1, 3, 5, 7, 9];

    /// <summary>Every kept (level, block) of <paramref name="levels"/> a day belongs to.</summary>
    public static IEnumerable<(int Level, long Block)> Containing(long day, IReadOnlyList<int> levels)
    {
        foreach (var level in levels)
        {
            yield return (level, day >> level);
        }
    }

    /// <summary>
    /// Aligned blocks that exactly cover the days [from, to), the largest of <paramref name="levels"/> first wherever
    /// one fits; a single day no block of <paramref name="levels"/> fits comes back as level 0 (when 0 is not one of
    /// them: read from tokens, see <see cref="IsKept"/>).
    /// </summary>
    public static List<(int Level, long Block)> Cover(long from, long to, IReadOnlyList<int> levels)
    {
        var blocks = new List<(int, long)>();
        var day = from;
        while (day < to)
        {
            var level = 0;
            for (var i = levels.Count - 1; i >= 0; i--)
            {
                var size = 1L << levels[i];
                if ((day & (size - 1)) == 0 && day + size <= to)
                {
                    level = levels[i];
                    break;
                }
            }

            blocks.Add((level, day >> level));
            day += 1L << level;
        }

        return blocks;
    }

    /// <summary>Whether a block of a cover is kept in the table of <paramref name="levels"/> (else: tokens).</summary>
    public static bool IsKept((int Level, long Block) block, IReadOnlyList<int> levels) => levels.Contains(block.Level);
}
