namespace Monitor.Index.Sqlite;

/// <summary>
/// Keyword counts are kept per aligned block of 2^level days for the odd levels 1, 3, 5, 7 and 9 (2, 8, 32, 128 and
/// 512 days), for all accounts (<c>term_blocks</c>) and per account (<c>account_term_blocks</c>). A window of N days is
/// the sum of a few blocks per level (at most 3 at each end) and, where it starts or ends on a day no 2-day block
/// covers, the tokens of that one day. Every level kept costs one row per (block, keyword) the fold writes: the five
/// odd levels are 40 % of the rows all ten levels were (measured: bench/README.md, end to end), for a few more
/// small blocks per question.
/// </summary>
internal static class DayBlocks
{
    public const int MaxLevel = 9;

    /// <summary>The smallest level kept; a day-long piece of a window (level 0 in <see cref="Cover"/>) is read from tokens.</summary>
    public const int MinLevel = 1;

    /// <summary>The levels kept, smallest first.</summary>
    public static readonly IReadOnlyList<int> Levels = [1, 3, 5, 7, 9];

    /// <summary>Every kept (level, block) a day belongs to.</summary>
    public static IEnumerable<(int Level, long Block)> Containing(long day)
    {
        foreach (var level in Levels)
        {
            yield return (level, day >> level);
        }
    }

    /// <summary>
    /// Aligned blocks that exactly cover the days [from, to), largest kept level first wherever one fits; a single
    /// day no kept block fits is returned as level 0 (read from tokens).
    /// </summary>
    public static List<(int Level, long Block)> Cover(long from, long to)
    {
        var blocks = new List<(int, long)>();
        var day = from;
        while (day < to)
        {
            var level = 0;
            for (var i = Levels.Count - 1; i >= 0; i--)
            {
                var size = 1L << Levels[i];
                if ((day & (size - 1)) == 0 && day + size <= to)
                {
                    level = Levels[i];
                    break;
                }
            }

            blocks.Add((level, day >> level));
            day += 1L << level;
        }

        return blocks;
    }
}
