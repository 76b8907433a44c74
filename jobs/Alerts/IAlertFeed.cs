namespace Monitor.Jobs.Alerts;

/// <summary>The dashboard's side of the alerts: what fired and recovered, and the snooze of a rule.</summary>
public interface IAlertFeed
{
    /// <summary>Alerts and recoveries raised in [<paramref name="since"/>, <paramref name="until"/>), newest first.</summary>
    Task<IReadOnlyList<AlertNotice>> ListAsync(DateTimeOffset since, DateTimeOffset until, int max, CancellationToken cancellationToken);

    /// <summary>Every rule's state: firing or not, last fired, snoozed until.</summary>
    Task<IReadOnlyList<AlertRuleState>> StatesAsync(CancellationToken cancellationToken);

    /// <summary>Silences a rule until <paramref name="until"/> (a past time lifts the snooze).</summary>
    Task SnoozeAsync(string ruleId, DateTimeOffset until, CancellationToken cancellationToken);
}
