namespace Monitor.Index.Tests;

public sealed class CaseNumberTests
{
    [Fact]
    public void CaseNumberUsesTheChinaDateAndThePaddedRowNumber()
    {
        // 2026-11-25 20:30 UTC is already 26 November in China.
        var receivedAt = new DateTimeOffset(2026, 11, 25, 20, 30, 0, TimeSpan.Zero);

        Assert.Equal("20261126-000042", CaseNumber.For(receivedAt, 42));
    }
}
