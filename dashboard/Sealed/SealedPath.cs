using System.Security.Claims;
using Monitor.Dashboard.Accounts;
using Monitor.Index;
using Monitor.Nlp.ServiceFunction;

namespace Monitor.Dashboard.Sealed;

/// <summary>
/// The sealed 涉黑 path: a message whose service function is 涉黑举报 is read in full only by the <see cref="Roles.Sealed"/>
/// role; every other role gets it without text, title, link or author pseudonym, with a placeholder. Every endpoint that
/// returns messages passes them through <c>ViewAsync</c>, so the rule lives in one place on the server. A message
/// not yet analysed is routed here with the same keyword router the pipeline uses, so it is never shown in the gap
/// between arrival and analysis.
/// </summary>
internal sealed class SealedPath(IServiceFunctionClassifier router, SealedAudit audit)
{
    public const string Placeholder = "【涉黑举报 · 已封存】内容仅涉黑专办人员可见";

    public static bool MayOpen(ClaimsPrincipal user) => user.IsInRole(Roles.Sealed);

    /// <summary>The rule of <see cref="SealedMessages"/> (the one the keyword aggregates use), on the stored label or, before analysis, the router's.</summary>
    public bool IsSealed(StoredMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var source = message.Message.SourceKind;
        if (!SealedMessages.CitizenSources.Contains(source))
        {
            return false;
        }

        var label = message.Analysis?.ServiceFunction?.Label
            ?? router.Classify(new ServiceFunctionInput(message.Message.Text, message.Analysis?.Topic?.Label, message.Analysis?.Topic?.Score ?? 0)).Label;
        return SealedMessages.IsSealed(source, label);
    }

    /// <summary>
    /// The messages as <paramref name="user"/> may see them, in the same order. Sealed messages opened in full are
    /// recorded in the audit under <paramref name="endpoint"/> before they are returned.
    /// </summary>
    public async Task<IReadOnlyList<SealedView>> ViewAsync(ClaimsPrincipal user, IEnumerable<StoredMessage> messages, string endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var opener = MayOpen(user);
        var views = messages.Select(m => IsSealed(m) ? new SealedView(opener ? m : Seal(m), true) : new SealedView(m, false)).ToList();
        if (opener && views.Any(v => v.Sealed))
        {
            await audit.RecordAsync(user.Identity?.Name ?? "?", views.Where(v => v.Sealed).Select(v => v.Message), endpoint, cancellationToken);
        }

        return views;
    }

    public async Task<SealedView> ViewAsync(ClaimsPrincipal user, StoredMessage message, string endpoint, CancellationToken cancellationToken) =>
        (await ViewAsync(user, [message], endpoint, cancellationToken))[0];

    /// <summary>Records that 涉黑专办 acted on a sealed message (assign, reply, resolve), in the same audit as openings.</summary>
    public Task RecordActionAsync(ClaimsPrincipal user, StoredMessage message, string action, CancellationToken cancellationToken) =>
        audit.RecordAsync(user?.Identity?.Name ?? "?", [message], action, cancellationToken);

    /// <summary>What other roles get: the case and its workflow, the labels, but nothing that says what was reported or by whom.</summary>
    public static StoredMessage Seal(StoredMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var analysis = message.Analysis;
        return message with
        {
            Message = message.Message with { Text = Placeholder, Author = null, Title = null, Url = null, ParentId = null },
            AnalysisError = null,
            Analysis = analysis is null ? null : analysis with
            {
                Tokens = [],
                Urgency = analysis.Urgency is null ? null : analysis.Urgency with { Reasons = [] },
                ServiceFunction = new ServiceFunctionMatch(ServiceFunctions.CrimeReport, []),
                NearDuplicate = null,
            },
        };
    }
}

/// <summary>A message as one user may see it; <see cref="Sealed"/> when it is on the sealed path (opened or not).</summary>
internal sealed record SealedView(StoredMessage Message, bool Sealed);
