namespace Monitor.Index.Queries;

/// <summary>
/// The account's figures for the national inspection indicators over [<see cref="From"/>, <see cref="To"/>):
/// information release (posts, gaps), service (response rate, time to first reply) and the long-term mechanism
/// (backlog of unresolved citizen messages at <see cref="AsOf"/>).
/// </summary>
public sealed record Scorecard
{
    public required string Account { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    public required DateTimeOffset AsOf { get; init; }

    /// <summary>The account's own output (articles, feed items, pages).</summary>
    public required long Posts { get; init; }

    public required double PostsPerWeek { get; init; }

    /// <summary>The longest time without a post inside the window, counting from its start and up to its end.</summary>
    public required TimeSpan LongestGap { get; init; }

    /// <summary>Time since the last post at <see cref="AsOf"/>; null when the account never posted.</summary>
    public TimeSpan? SinceLastPost { get; init; }

    /// <summary>Citizen messages (cases) that arrived in the window.</summary>
    public required long CitizenMessages { get; init; }

    public required long Replied { get; init; }

    /// <summary>Replied / citizen messages; null when there were none.</summary>
    public double? ResponseRate { get; init; }

    public TimeSpan? MedianTimeToFirstReply { get; init; }

    /// <summary>Unresolved cases at <see cref="AsOf"/>, whenever they arrived.</summary>
    public required long Backlog { get; init; }

    public TimeSpan? OldestBacklogAge { get; init; }

    /// <summary>Unresolved cases past their deadline at <see cref="AsOf"/>.</summary>
    public required long Overdue { get; init; }

    /// <summary>
    /// Uses of the account's service functions in the window: menu CLICK and VIEW events (a county account's three
    /// services are menu items), the measurable side of "lacking service functions".
    /// </summary>
    public long ServiceUses { get; init; }
}
