namespace Monitor.Dashboard.Accounts;

/// <summary>What a sign-in attempt came to; the page shows one message for every failure so names cannot be probed.</summary>
internal enum SignInOutcome
{
    Succeeded,
    Failed,
    LockedOut,
}
