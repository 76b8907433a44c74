namespace Monitor.Index.Sqlite;

/// <summary>
/// Keyword counts are kept per aligned block of 2^level days (level 0 = one day, up to 512 days), so any window of
/// N days is the sum of at most about 2·log2(N) blocks: a 30-day window reads 4–8 blocks of terms instead of 30.
/// </summary>
internal static class DayBlocks
{
    public const int MaxLevel = 9;

    /// <summary>
    /// Per-account blocks start at 2 days: the one-day blocks of every account would be a third of the rows
    /// (measured at a million messages: 7.0 of 21.9 million), and the day at each end of a window that no 2-day
    /// block covers is read from the tokens of that account's messages instead. (From 4 days up, measured too,
    /// the up to 3 days at each end made hot topics of one account cost 257 ms p95.)
    /// </summary>
    public const int MinAccountLevel = 1;

    /// <summary>Every (level, block) a day belongs to.</summary>
    public static IEnumerable<(int Level, long Block)> Containing(long day)
    {
        for (var level = 0; level <= MaxLevel; level++)
        {
            yield return (level, day >> level);
        }
    }

    /// <summary>The fewest aligned blocks that exactly cover the days [from, to).</summary>
    public static List<(int Level, long Block)> Cover(long from, long to)
    {
        var blocks = new List<(int, long)>();
        var day = from;
        while (day < to)
        {
            var level = 0;
            while (level < MaxLevel && (day & ((1L << (level + 1)) - 1)) == 0 && day + (1L << (level + 1)) <= to)
            {
                level++;
            }

            blocks.Add((level, day >> level));
            day += 1L << level;
        }

        return blocks;
    }
}
