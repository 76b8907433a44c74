namespace Monitor.Jobs.Retention;

/// <summary>What one run of the duty did: the cutoff (null when retention is off), what it removed and erased.</summary>
public sealed record RetentionRun(DateTimeOffset At, DateTimeOffset? Cutoff, int MessagesRemoved, int DeliveriesRemoved, int Erasures, int MessagesErased);
