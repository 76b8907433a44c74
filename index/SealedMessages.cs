using System.Collections.Frozen;
using Monitor.Nlp.ServiceFunction;

namespace Monitor.Index;

/// <summary>
/// Which messages are on the sealed 涉黑 path: a citizen's message (WeChat, a comment, an import) whose service function
/// is 涉黑举报. The account's own articles and watched pages (e.g. about the 扫黑除恶 campaign) are never sealed. The
/// dashboard shows them in full only to 涉黑专办, and no aggregate anyone sees (top keywords, hot topics) counts their
/// words. Defined once here; the SQLite and Elasticsearch questions and the dashboard's sealed path all use it.
/// </summary>
public static class SealedMessages
{
    /// <summary>Sources whose messages are citizens writing to the account: each opens a case for the responders.</summary>
    public static IReadOnlySet<string> CitizenSources { get; } = new[] { "wechat", "wechat-comment", "import" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The service function that seals a citizen's message.</summary>
    public const string ServiceFunction = ServiceFunctions.CrimeReport;

    /// <summary>Whether a message of <paramref name="sourceKind"/> with the stored <paramref name="serviceFunction"/> is sealed.</summary>
    public static bool IsSealed(string sourceKind, string? serviceFunction) =>
        serviceFunction == ServiceFunction && CitizenSources.Contains(sourceKind);

    /// <summary>
    /// The same rule as an SQL condition on the <c>analyses</c> columns of <paramref name="alias"/> (e.g. <c>a.</c>):
    /// true for a sealed row. The values are constants of this class, so the text is safe to inline.
    /// </summary>
    internal static string SqlCondition(string alias) =>
        $"({alias}service_function IS '{ServiceFunction}' AND {alias}source_kind IS NOT NULL AND {alias}source_kind IN ({string.Join(", ", CitizenSources.Order(StringComparer.Ordinal).Select(s => $"'{s}'"))}))";
}
