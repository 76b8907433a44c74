using System.Text;
using AngleSharp.Dom;

namespace Monitor.Ingest.Pages;

/// <summary>
/// The readable text under a node: one line per block element, scripts and styles skipped, whitespace
/// (including U+3000 and non-breaking spaces) collapsed. Walks iteratively, so deep nesting cannot overflow the stack.
/// </summary>
internal static class HtmlText
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "iframe", "svg", "head", "object",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr",
        "blockquote", "pre", "hr", "header", "footer", "figure", "figcaption", "dl", "dt", "dd", "main", "nav", "aside",
    };

    public static string Of(INode? root)
    {
        if (root is null)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        var stack = new Stack<(INode Node, bool Leaving)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, leaving) = stack.Pop();
            if (leaving)
            {
                text.Append('\n');
                continue;
            }

            switch (node)
            {
                case IText textNode:
                    text.Append(textNode.Data);
                    continue;
                case IElement element when Skipped.Contains(element.LocalName):
                    continue;
                case IElement element when Blocks.Contains(element.LocalName):
                    text.Append('\n');
                    stack.Push((node, true));
                    break;
            }

            for (var i = node.ChildNodes.Length - 1; i >= 0; i--)
            {
                stack.Push((node.ChildNodes[i], false));
            }
        }

        return Normalize(text.ToString());
    }

    /// <summary>Collapses whitespace within lines and drops empty lines.</summary>
    public static string Normalize(string text)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var raw in text.Split('\n'))
        {
            line.Clear();
            var space = false;
            foreach (var c in raw)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c) || c == '\u200B')
                {
                    space = line.Length > 0;
                    continue;
                }

                if (space)
                {
                    line.Append(' ');
                    space = false;
                }

                line.Append(c);
            }

            if (line.Length > 0)
            {
                lines.Add(line.ToString());
            }
        }

        return string.Join('\n', lines);
    }
}
