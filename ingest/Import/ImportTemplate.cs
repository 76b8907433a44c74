using System.Text;

namespace Monitor.Ingest.Import;

/// <summary>
/// A field's source in a mapping: a column name (<c>留言主题</c>) or a template joining columns
/// (<c>{留言主题}\n{留言详情}</c>; <c>{{</c> and <c>}}</c> are literal braces).
/// </summary>
internal sealed class ImportTemplate
{
    private readonly IReadOnlyList<(string Text, bool IsColumn)> parts;

    private ImportTemplate(IReadOnlyList<(string Text, bool IsColumn)> parts) => this.parts = parts;

    public IEnumerable<string> Columns => parts.Where(p => p.IsColumn).Select(p => p.Text);

    /// <summary>The single column this template is, or null when it joins several or adds text.</summary>
    public string? SingleColumn => parts is [(var column, true)] ? column : null;

    public static ImportTemplate? TryParse(string source, out string? problem)
    {
        problem = null;
        if (!source.Contains('{', StringComparison.Ordinal))
        {
            if (source.Trim().Length == 0)
            {
                problem = "names no column";
                return null;
            }

            return new ImportTemplate([(source.Trim(), true)]);
        }

        var parts = new List<(string, bool)>();
        var literal = new StringBuilder();
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if ((c == '{' || c == '}') && i + 1 < source.Length && source[i + 1] == c)
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (c == '}')
            {
                problem = $"has a '}}' at position {i} with no '{{' before it (write '}}}}' for a literal brace)";
                return null;
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var end = source.IndexOf('}', i + 1);
            if (end < 0)
            {
                problem = $"has a '{{' at position {i} that is never closed";
                return null;
            }

            var column = source[(i + 1)..end].Trim();
            if (column.Length == 0)
            {
                problem = $"has an empty column name '{{}}' at position {i}";
                return null;
            }

            if (literal.Length > 0)
            {
                parts.Add((literal.ToString(), false));
                literal.Clear();
            }

            parts.Add((column, true));
            i = end;
        }

        if (literal.Length > 0)
        {
            parts.Add((literal.ToString(), false));
        }

        return new ImportTemplate(parts);
    }

    /// <summary>The filled-in text, or null when every column it names is empty (so a required field is reported missing).</summary>
    public string? Render(Func<string, string?> column)
    {
        var text = new StringBuilder();
        var any = false;
        foreach (var (part, isColumn) in parts)
        {
            if (!isColumn)
            {
                text.Append(part);
                continue;
            }

            var value = column(part);
            if (!string.IsNullOrWhiteSpace(value))
            {
                any = true;
                text.Append(value);
            }
        }

        return any ? text.ToString().Trim() : null;
    }
}
