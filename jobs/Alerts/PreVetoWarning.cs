namespace Monitor.Jobs.Alerts;

/// <summary>
/// A warning ahead of a single-veto item of the national inspection indicators (国办秘函〔2019〕19号): what is at
/// risk, how close it is, and the figure behind it.
/// </summary>
/// <param name="Rule"><c>no-update</c> (no post for 14 days vetoes) or <c>no-response</c> (互动回应差).</param>
/// <param name="Severity"><c>warning</c> before the veto, <c>veto</c> once the line is crossed.</param>
/// <param name="Message">The one line an official reads, in Chinese.</param>
public sealed record PreVetoWarning(string Rule, string Severity, string Message);
