using System.Globalization;

namespace Monitor.Index.Queries;

/// <summary>A keyset position in a ranked result list: the last hit's score and id (ties broken by id).</summary>
internal readonly record struct SearchCursor(double Score, long Id)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Score:R}~{Id}");

    public static SearchCursor? Parse(string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        var parts = cursor.Split('~');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var score)
            && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
        {
            return new SearchCursor(score, id);
        }

        throw new ArgumentException($"'{cursor}' is not a search cursor of this store; pass back a NextCursor unchanged.", nameof(cursor));
    }
}
