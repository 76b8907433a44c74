using Monitor.Index;

namespace Monitor.Dashboard.Sealed;

/// <summary>
/// What <c>monitor export</c> writes of a sealed 涉黑举报 report. The operator has file access but is not 涉黑专办, so by
/// default a sealed message leaves as the dashboard's export lets it leave (<see cref="SealedPath.Seal"/>: placeholder
/// text, no author, title or tokens). With <c>--include-sealed</c> it leaves in full, and each one is first recorded in
/// the sealed audit under the operator's OS user name and <see cref="Endpoint"/>, where admins see it.
/// </summary>
internal sealed class OperatorExport(SealedPath sealedPath, SealedAudit audit, bool includeSealed, string operatorName)
{
    public const string Endpoint = "cli-export";

    /// <summary>Sealed messages written so far (in full or sealed).</summary>
    public int Sealed { get; private set; }

    public async ValueTask<StoredMessage> ViewAsync(StoredMessage message, CancellationToken cancellationToken)
    {
        if (!sealedPath.IsSealed(message))
        {
            return message;
        }

        Sealed++;
        if (!includeSealed)
        {
            return SealedPath.Seal(message);
        }

        // Recorded before the text is written: an audit that cannot be written stops the export.
        await audit.RecordAsync(operatorName, [message], Endpoint, cancellationToken);
        return message;
    }
}
