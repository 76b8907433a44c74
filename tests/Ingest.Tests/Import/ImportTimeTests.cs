using Monitor.Ingest.Import;

namespace Monitor.Ingest.Tests.Import;

public sealed class ImportTimeTests
{
    [Theory]
    [InlineData("2024-04-25 09:30:00", "2024-04-25T01:30:00Z")]
    [InlineData("2024-04-25T09:30:00", "2024-04-25T01:30:00Z")]
    [InlineData("2024-04-25T09:30:00+08:00", "2024-04-25T01:30:00Z")]
    [InlineData("2024-04-25T01:30:00Z", "2024-04-25T01:30:00Z")]
    [InlineData("2024-04-25T01:30:00.250Z", "2024-04-25T01:30:00.25Z")]
    [InlineData("1714008600", "2024-04-25T01:30:00Z")]
    [InlineData("2024-04-25", "2024-04-24T16:00:00Z")]
    public void AcceptedFormatsGiveUtc(string text, string expected)
    {
        Assert.True(ImportTime.TryParse(text, out var time));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), time);
        Assert.Equal(TimeSpan.Zero, time.Offset);
    }

    [Theory]
    [InlineData("2024-13-01")]
    [InlineData("2024-02-30 10:00:00")]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData("0001-01-01")]
    [InlineData("99999999999999999")]
    public void OtherTextIsNotATime(string text) => Assert.False(ImportTime.TryParse(text, out _));
}
