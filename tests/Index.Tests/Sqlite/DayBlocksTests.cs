using Monitor.Index.Sqlite;

namespace Monitor.Index.Tests.Sqlite;

public sealed class DayBlocksTests
{
    [Theory]
    [InlineData(20_000, 20_030)]
    [InlineData(20_001, 20_002)]
    [InlineData(19_723, 20_453)]
    [InlineData(20_100, 20_100)]
    [InlineData(20_001, 20_031)]
    public void AWindowIsCoveredExactlyByFewAlignedBlocks(long from, long to)
    {
        foreach (var (levels, perLevel) in new[] { (DayBlocks.AllAccountLevels, 1), (DayBlocks.AccountLevels, 3) })
        {
            var blocks = DayBlocks.Cover(from, to, levels);

            var days = blocks.SelectMany(b => Enumerable.Range(0, 1 << b.Level).Select(i => (b.Block << b.Level) + i)).ToList();
            Assert.Equal(Enumerable.Range(0, (int)(to - from)).Select(i => from + i), days);
            // At most perLevel blocks of each kept level at either end, one day from tokens at either end, the largest between.
            Assert.True(blocks.Count <= (2 * perLevel * levels.Count) + 2 + ((to - from) >> DayBlocks.MaxLevel));
            Assert.True(blocks.Count(b => !DayBlocks.IsKept(b, levels)) <= 2);
            Assert.All(blocks.Where(b => DayBlocks.IsKept(b, levels)), b => Assert.Contains(b, DayBlocks.Containing(b.Block << b.Level, levels)));
            Assert.All(blocks.Where(b => !DayBlocks.IsKept(b, levels)), b => Assert.Equal(0, b.Level));
        }
    }
}
