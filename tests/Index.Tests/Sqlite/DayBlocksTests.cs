using Monitor.Index.Sqlite;

namespace Monitor.Index.Tests.Sqlite;

public sealed class DayBlocksTests
{
    [Theory]
    [InlineData(20_000, 20_030)]
    [InlineData(20_001, 20_002)]
    [InlineData(19_723, 20_453)]
    [InlineData(20_100, 20_100)]
    public void AWindowIsCoveredExactlyByFewAlignedBlocks(long from, long to)
    {
        var blocks = DayBlocks.Cover(from, to);

        var days = blocks.SelectMany(b => Enumerable.Range(0, 1 << b.Level).Select(i => (b.Block << b.Level) + i)).ToList();
        Assert.Equal(Enumerable.Range(0, (int)(to - from)).Select(i => from + i), days);
        // At most 3 blocks of each kept level at either end, one day from tokens at either end, and the largest blocks between.
        Assert.True(blocks.Count <= (2 * 3 * DayBlocks.Levels.Count) + 2 + ((to - from) >> DayBlocks.MaxLevel));
        Assert.True(blocks.Count(b => b.Level < DayBlocks.MinLevel) <= 2);
        Assert.All(blocks.Where(b => b.Level >= DayBlocks.MinLevel), b => Assert.Contains(b, DayBlocks.Containing(b.Block << b.Level)));
        Assert.All(blocks.Where(b => b.Level < DayBlocks.MinLevel), b => Assert.Equal(0, b.Level));
    }
}
