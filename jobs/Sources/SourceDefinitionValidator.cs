using System.Globalization;
using Quartz;

namespace Monitor.Jobs.Sources;

/// <summary>Every problem of a list of sources, each naming the source and the value.</summary>
public static class SourceDefinitionValidator
{
    public static IReadOnlyList<string> Validate(IReadOnlyList<SourceDefinition> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sources.Count; i++)
        {
            var s = sources[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"Sources:{i} ('{s.Id}')");
            failures.AddRange(Validate(s).Select(f => $"{at}: {f}"));
            if (!string.IsNullOrWhiteSpace(s.Id) && !seen.Add(s.Id))
            {
                failures.Add($"{at}: the id '{s.Id}' is used twice.");
            }
        }

        return failures;
    }

    public static IReadOnlyList<string> Validate(SourceDefinition source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(source.Id))
        {
            failures.Add("Id must not be empty.");
        }

        if (!SourceKinds.All.Contains(source.Kind))
        {
            failures.Add($"Kind must be one of {string.Join(", ", SourceKinds.All)}, was '{source.Kind}'.");
        }

        if (string.IsNullOrWhiteSpace(source.Cron) || !CronExpression.TryParse(source.Cron, out _))
        {
            failures.Add($"Cron '{source.Cron}' is not a Quartz cron expression (seconds first, e.g. '0 */15 * * * ?').");
        }

        if (source.Kind is SourceKinds.Feed or SourceKinds.Page
            && source.Url is not { IsAbsoluteUri: true, Scheme: "http" or "https" })
        {
            failures.Add($"Url must be an absolute http(s) URL for a {source.Kind}, was '{source.Url}'.");
        }

        if (source.Kind == SourceKinds.WeChatComments)
        {
            failures.AddRange(source.Articles.Where(a => !TryParseArticle(a, out _, out _))
                .Select(a => $"Articles entry '{a}' is not msg_data_id:index."));
        }

        return failures;
    }

    internal static bool TryParseArticle(string text, out long msgDataId, out int index)
    {
        index = 0;
        var parts = (text ?? string.Empty).Split(':');
        return long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out msgDataId)
            && parts.Length <= 2
            && (parts.Length == 1 || int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out index));
    }
}
