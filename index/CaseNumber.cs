using System.Globalization;

namespace Monitor.Index;

/// <summary>
/// The number a citizen is given to follow a message up: the day it arrived (China time) and the store's row number,
/// so it is unique, short enough to read out on the phone, and known the moment the message is stored.
/// </summary>
public static class CaseNumber
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static string For(DateTimeOffset receivedAt, long messageId) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix(receivedAt)}{messageId:D6}");

    /// <summary>The part before the row number ("20261126-"); the store appends the number as at least 6 digits.</summary>
    public static string Prefix(DateTimeOffset receivedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{receivedAt.ToOffset(ChinaOffset):yyyyMMdd}-");
}
