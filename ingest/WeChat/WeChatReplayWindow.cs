using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Monitor.Ingest.WeChat;

/// <summary>Refuses pushes whose <c>timestamp</c> is further from now than the replay window (either way).</summary>
public static class WeChatReplayWindow
{
    /// <summary>
    /// True when <paramref name="timestamp"/> (Unix seconds) is within <paramref name="windowSeconds"/> of
    /// <paramref name="now"/>; otherwise false and the reason.
    /// </summary>
    public static bool IsFresh(string? timestamp, DateTimeOffset now, int windowSeconds, [NotNullWhen(false)] out string? reason)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSeconds, 1);
        if (string.IsNullOrEmpty(timestamp))
        {
            reason = "timestamp is missing";
            return false;
        }

        if (timestamp.Length > 19 || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            reason = $"timestamp '{(timestamp.Length <= 32 ? timestamp : string.Concat(timestamp.AsSpan(0, 32), "…"))}' is not Unix seconds";
            return false;
        }

        var skew = now.ToUnixTimeSeconds() - seconds;
        if (skew > windowSeconds)
        {
            reason = string.Create(CultureInfo.InvariantCulture,
                $"timestamp {seconds} is {skew} s older than now; the replay window is {windowSeconds} s");
            return false;
        }

        if (-skew > windowSeconds)
        {
            reason = string.Create(CultureInfo.InvariantCulture,
                $"timestamp {seconds} is {-skew} s in the future; the replay window is {windowSeconds} s");
            return false;
        }

        reason = null;
        return true;
    }
}
