using System.Globalization;

namespace Monitor.Index.Queries;

/// <summary>
/// A keyset position in a ranked result list: the last hit's score and id (ties broken by id) and, for a backend
/// that ranks in tiers (SQLite), the id range of the tier the hit belongs to.
/// </summary>
internal readonly record struct SearchCursor(double Score, long Id, long? TierLow = null, long? TierHigh = null)
{
    public override string ToString() =>
        TierLow is { } low && TierHigh is { } high
            ? string.Create(CultureInfo.InvariantCulture, $"{Score:R}~{Id}~{low}~{high}")
            : string.Create(CultureInfo.InvariantCulture, $"{Score:R}~{Id}");

    public static SearchCursor? Parse(string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        var parts = cursor.Split('~');
        if (parts.Length is 2 or 4
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var score)
            && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
        {
            if (parts.Length == 2)
            {
                return new SearchCursor(score, id);
            }

            if (long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var low)
                && long.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var high)
                && low <= high)
            {
                return new SearchCursor(score, id, low, high);
            }
        }

        throw new ArgumentException($"'{cursor}' is not a search cursor of this store; pass back a NextCursor unchanged.", nameof(cursor));
    }
}
