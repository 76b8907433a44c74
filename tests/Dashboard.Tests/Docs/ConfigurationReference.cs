using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Monitor.Dashboard.Tests.Docs;

/// <summary>
/// Writes docs/CONFIGURATION.md from the options classes themselves: every bindable property of every
/// <c>*Options</c> class of our assemblies, with its section, environment variable, type, default (read from a new
/// instance) and the property's XML doc summary. The test beside it fails when the file in the repository differs.
/// </summary>
internal static partial class ConfigurationReference
{
    /// <summary>Options classes bound to a section whose name is not a <c>SectionName</c> constant on the class.</summary>
    private static readonly Dictionary<string, string> SectionsOutsideTheClass = new(StringComparer.Ordinal)
    {
        ["Monitor.Index.StoreOptions"] = "Monitor",
        ["Monitor.Index.Elasticsearch.ElasticsearchOptions"] = "Monitor:Elasticsearch",
    };

    /// <summary>Settings read with <c>configuration[key]</c> rather than through an options class.</summary>
    private static readonly (string Key, string Meaning)[] ReadDirectly =
    [
        ("Monitor:AdminPassword", "The first admin's password; otherwise one is generated and printed once (dashboard/Accounts/AccountBootstrap.cs)."),
        ("WeChat:AccountId", "The account the overview shows when none is chosen (also a WeChatOptions property)."),
    ];

    /// <summary>Lists of objects bound from a section (<c>Section:0:Property</c>), by element type.</summary>
    private static readonly (string Section, Type Element)[] Lists =
    [
        ("Sources", typeof(Monitor.Jobs.Sources.SourceDefinition)),
    ];

    public static IReadOnlyList<Type> OptionsTypes() =>
        [.. new[] { typeof(Monitor.Ingest.Message).Assembly, typeof(Monitor.Nlp.NlpOptions).Assembly, typeof(Monitor.Index.StoreOptions).Assembly, typeof(Monitor.Jobs.Scheduling.SchedulerOptions).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t.IsClass && !t.IsAbstract && t.Name.EndsWith("Options", StringComparison.Ordinal)
                && !t.Name.EndsWith("TrainingOptions", StringComparison.Ordinal) && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    /// <summary>The section of an options class, or null when nobody told us (the test fails on such a class).</summary>
    public static string? SectionOf(Type type) =>
        type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string
        ?? SectionsOutsideTheClass.GetValueOrDefault(type.FullName!);

    /// <summary>Options classes reached only as a property of another (e.g. <c>Alerts:Email</c>).</summary>
    public static bool IsNested(Type type) => OptionsTypes().Any(o => o != type && Bindable(o).Any(p => p.PropertyType == type));

    public static string Generate()
    {
        var docs = LoadXmlDocs();
        var text = new StringBuilder();
        text.AppendLine("# Configuration reference");
        text.AppendLine();
        text.AppendLine("<!-- Generated from the options classes by tests/Dashboard.Tests/Docs/ConfigurationReference.cs: do not edit by hand.");
        text.AppendLine("     Regenerate: MONITOR_WRITE_DOCS=1 dotnet test --project tests/Dashboard.Tests/Dashboard.Tests.csproj -- --filter-class 'Monitor.Dashboard.Tests.Docs.ConfigurationReferenceTests' -->");
        text.AppendLine();
        text.AppendLine("Every setting comes from `dashboard/appsettings.json`, then environment variables (`:` written as `__`), then");
        text.AppendLine("command-line options. Secrets (tokens, keys, passwords, connection strings) belong in the environment, never in");
        text.AppendLine("the repository. Durations are `hh:mm:ss` (or `d.hh:mm:ss`); lists take `__0`, `__1`, … in the environment.");
        foreach (var type in OptionsTypes().Where(t => !IsNested(t)))
        {
            var section = SectionOf(type) ?? throw new InvalidOperationException($"{type.FullName} has no known section");
            Section(text, docs, section, type);
        }

        foreach (var (section, element) in Lists)
        {
            Section(text, docs, section + ":0", element);
        }

        text.AppendLine();
        text.AppendLine("## Read directly");
        text.AppendLine();
        text.AppendLine("| key | environment variable | meaning |");
        text.AppendLine("|---|---|---|");
        foreach (var (key, meaning) in ReadDirectly)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{key}` | `{key.Replace(":", "__", StringComparison.Ordinal)}` | {meaning} |");
        }

        return text.ToString().ReplaceLineEndings("\n");
    }

    private static void Section(StringBuilder text, Dictionary<string, string> docs, string section, Type type)
    {
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"## `{section}` — {type.Name}");
        if (docs.GetValueOrDefault("T:" + type.FullName) is { Length: > 0 } summary)
        {
            text.AppendLine();
            text.AppendLine(summary);
        }

        text.AppendLine();
        text.AppendLine("| key | environment variable | type | default | meaning |");
        text.AppendLine("|---|---|---|---|---|");
        Rows(text, docs, section, type, Activator.CreateInstance(type));
    }

    private static void Rows(StringBuilder text, Dictionary<string, string> docs, string prefix, Type type, object? instance)
    {
        foreach (var property in Bindable(type))
        {
            var key = prefix + ":" + property.Name;
            var value = instance is null ? null : property.GetValue(instance);
            var element = ListElement(property.PropertyType);
            if (property.PropertyType.Name.EndsWith("Options", StringComparison.Ordinal) && property.PropertyType.IsClass)
            {
                Rows(text, docs, key, property.PropertyType, value);
                continue;
            }

            if (element is not null && !IsScalar(element))
            {
                Rows(text, docs, key + ":0", element, Activator.CreateInstance(element));
                continue;
            }

            var shownKey = element is null ? key : key + ":0";
            var meaning = docs.GetValueOrDefault($"P:{property.DeclaringType!.FullName}.{property.Name}") ?? string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| `{shownKey}` | `{shownKey.Replace(":", "__", StringComparison.Ordinal)}` | {TypeName(property.PropertyType)} | {Default(value)} | {meaning} |");
        }
    }

    /// <summary>Properties the configuration binder fills: public setters, and get-only mutable lists.</summary>
    private static IEnumerable<PropertyInfo> Bindable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0
                && (p.SetMethod is { IsPublic: true } || (ListElement(p.PropertyType) is not null && !IsReadOnlyList(p.PropertyType))))
            .OrderBy(p => p.MetadataToken);

    private static Type? ListElement(Type type) =>
        type != typeof(string) && type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[0] : null;

    private static bool IsReadOnlyList(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) || type.GetGenericTypeDefinition() == typeof(IEnumerable<>));

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(TimeSpan) || type == typeof(Uri) || type == typeof(decimal)
        || Nullable.GetUnderlyingType(type) is { } inner && IsScalar(inner);

    private static string TypeName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return TypeName(inner);
        }

        if (ListElement(type) is { } element)
        {
            return "list of " + TypeName(element);
        }

        if (type.IsEnum)
        {
            return string.Join(" \\| ", Enum.GetNames(type).Select(n => $"`{n}`"));
        }

        return type switch
        {
            _ when type == typeof(string) => "text",
            _ when type == typeof(int) || type == typeof(long) => "integer",
            _ when type == typeof(double) => "number",
            _ when type == typeof(bool) => "`true` \\| `false`",
            _ when type == typeof(TimeSpan) => "duration",
            _ when type == typeof(Uri) => "URL",
            _ => type.Name,
        };
    }

    private static string Default(object? value) => value switch
    {
        null => "—",
        string s when s.Length == 0 => "(empty)",
        // Defaults computed from where the program runs would make the file differ from machine to machine.
        string s when Path.IsPathRooted(s) => "(computed at start)",
        string s => $"`{s}`",
        bool b => b ? "`true`" : "`false`",
        TimeSpan t => $"`{t.ToString("c", CultureInfo.InvariantCulture)}`",
        IEnumerable e when e.Cast<object>().Any() => string.Join(", ", e.Cast<object>().Select(o => $"`{o}`")),
        IEnumerable => "(none)",
        IFormattable f => $"`{f.ToString(null, CultureInfo.InvariantCulture)}`",
        _ => $"`{value}`",
    };

    /// <summary>Member summaries from the XML documentation files built beside our assemblies.</summary>
    private static Dictionary<string, string> LoadXmlDocs()
    {
        var docs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory, "Monitor.*.xml"))
        {
            foreach (var member in XDocument.Load(file).Descendants("member"))
            {
                if (member.Attribute("name")?.Value is { } name && member.Element("summary") is { } summary)
                {
                    docs[name] = Flatten(summary);
                }
            }
        }

        return docs;
    }

    private static string Flatten(XElement summary)
    {
        var text = new StringBuilder();
        foreach (var node in summary.Nodes())
        {
            text.Append(node switch
            {
                XText t => t.Value,
                XElement { Name.LocalName: "c" } c => $"`{c.Value}`",
                XElement { Name.LocalName: "see" or "seealso" } see => "`" + (see.Attribute("cref")?.Value ?? see.Attribute("langword")?.Value ?? see.Value).Split('(')[0].Split('.', ':')[^1] + "`",
                XElement { Name.LocalName: "paramref" or "typeparamref" } p => $"`{p.Attribute("name")?.Value}`",
                XElement e => e.Value,
                _ => string.Empty,
            });
        }

        return Whitespace().Replace(text.ToString(), " ").Trim().Replace("|", "\\|", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
