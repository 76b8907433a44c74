using Monitor.Ingest.WeChat;

namespace Monitor.Ingest.Tests.WeChat;

public sealed class WeChatReplayWindowTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1714037059);

    [Theory]
    [InlineData("1714037059")]
    [InlineData("1714036759")]
    [InlineData("1714037359")]
    public void ATimestampInsideTheWindowIsFresh(string timestamp)
    {
        Assert.True(WeChatReplayWindow.IsFresh(timestamp, Now, 300, out var reason), reason);
    }

    [Fact]
    public void AnOldTimestampIsRefusedWithItsAge()
    {
        Assert.False(WeChatReplayWindow.IsFresh("1714036758", Now, 300, out var reason));
        Assert.Equal("timestamp 1714036758 is 301 s older than now; the replay window is 300 s", reason);
    }

    [Fact]
    public void AFutureTimestampIsRefused()
    {
        Assert.False(WeChatReplayWindow.IsFresh("1714040000", Now, 300, out var reason));
        Assert.Equal("timestamp 1714040000 is 2941 s in the future; the replay window is 300 s", reason);
    }

    [Theory]
    [InlineData(null, "timestamp is missing")]
    [InlineData("", "timestamp is missing")]
    [InlineData("-5", "timestamp '-5' is not Unix seconds")]
    [InlineData("99999999999999999999999", "is not Unix seconds")]
    public void AnUnreadableTimestampIsRefused(string? timestamp, string expected)
    {
        Assert.False(WeChatReplayWindow.IsFresh(timestamp, Now, 300, out var reason));
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }
}
