using System.Globalization;
using System.Text;

namespace Monitor.Ingest.Pages;

/// <summary>Compares the last snapshot kept for a page with a new fetch (idea 3: edit and deletion audit).</summary>
public static class PageChangeDetector
{
    private const int MaxQuoted = 40;

    public static PageChange Detect(PageSnapshot? previous, PageFetchResult fetch)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        var current = fetch.Snapshot;
        if (fetch.IsGone || current?.RemovalNotice is not null)
        {
            var reason = current?.RemovalNotice is { } notice
                ? $"the page shows the removal notice '{notice}'"
                : string.Create(CultureInfo.InvariantCulture, $"HTTP {fetch.StatusCode}");
            return previous is null
                ? new PageChange(PageChangeKind.Deleted, $"gone before it was first read: {reason}", null)
                : new PageChange(PageChangeKind.Deleted, $"deleted: {reason}; last seen as '{Quote(previous.Title)}'", null);
        }

        if (current is null)
        {
            return new PageChange(PageChangeKind.Unavailable,
                string.Create(CultureInfo.InvariantCulture, $"HTTP {fetch.StatusCode}: not conclusive, try again later"), null);
        }

        if (previous is null)
        {
            return new PageChange(PageChangeKind.New,
                string.Create(CultureInfo.InvariantCulture, $"first read: '{Quote(current.Title)}', {current.Body.Length} chars"), current);
        }

        if (previous.ContentHash == current.ContentHash)
        {
            return new PageChange(PageChangeKind.Unchanged, "unchanged", current);
        }

        return Edited(previous, current);
    }

    private static PageChange Edited(PageSnapshot previous, PageSnapshot current)
    {
        var parts = new List<string>();
        var titleChanged = previous.Title != current.Title;
        if (titleChanged)
        {
            parts.Add($"title: '{Quote(previous.Title)}' → '{Quote(current.Title)}'");
        }

        var (added, removed) = LineDifference(previous.Body, current.Body);
        var bodyChanged = previous.Body != current.Body;
        if (bodyChanged)
        {
            var body = new StringBuilder("body: ");
            body.Append(CultureInfo.InvariantCulture, $"{removed.Count} lines removed, {added.Count} added ({previous.Body.Length} → {current.Body.Length} chars)");
            if (removed.Count > 0)
            {
                body.Append(CultureInfo.InvariantCulture, $"; was '{Quote(removed[0])}'");
            }

            if (added.Count > 0)
            {
                body.Append(CultureInfo.InvariantCulture, $"; now '{Quote(added[0])}'");
            }

            parts.Add(body.ToString());
        }

        if (previous.ImageCount != current.ImageCount)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"images: {previous.ImageCount} → {current.ImageCount}"));
        }

        return new PageChange(PageChangeKind.Edited, string.Join("; ", parts), current)
        {
            TitleChanged = titleChanged,
            BodyChanged = bodyChanged,
            LinesAdded = added.Count,
            LinesRemoved = removed.Count,
        };
    }

    /// <summary>Lines only in the new body and lines only in the old one (as multisets, order ignored).</summary>
    private static (List<string> Added, List<string> Removed) LineDifference(string before, string after)
    {
        var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in before.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            remaining[line] = remaining.GetValueOrDefault(line) + 1;
        }

        var added = new List<string>();
        foreach (var line in after.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (remaining.GetValueOrDefault(line) > 0)
            {
                remaining[line]--;
            }
            else
            {
                added.Add(line);
            }
        }

        var removed = before.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => remaining.GetValueOrDefault(line) > 0 && remaining[line]-- > 0)
            .ToList();
        return (added, removed);
    }

    private static string Quote(string text) => text.Length <= MaxQuoted ? text : string.Concat(text.AsSpan(0, MaxQuoted), "…");
}
