namespace Monitor.Jobs.Sources;

/// <summary>
/// One polled source, bound from an item of the configuration list <c>Sources</c> and editable at run time through
/// <see cref="ISourceSchedule"/>. A class with setters because the configuration binder fills it.
/// </summary>
public sealed class SourceDefinition
{
    /// <summary><c>feed</c>, <c>page</c>, <c>wechat-articles</c> or <c>wechat-comments</c> (<see cref="SourceKinds"/>).</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>Unique among sources; names the Quartz job and the health record.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The feed or page URL (feed, page).</summary>
    public Uri? Url { get; set; }

    /// <summary>The account the messages belong to (a gh_ id or a site name); defaults to the id.</summary>
    public string? Account { get; set; }

    /// <summary>A Quartz cron expression (seconds first), read in China time, e.g. <c>0 */15 * * * ?</c>.</summary>
    public string Cron { get; set; } = string.Empty;

    /// <summary>Forces the page encoding for a site that declares the wrong one (page).</summary>
    public string? Charset { get; set; }

    /// <summary>The articles whose comments are read, as <c>msg_data_id:index</c> (wechat-comments).</summary>
    public IList<string> Articles { get; set; } = [];

    public string AccountOrId => string.IsNullOrWhiteSpace(Account) ? Id : Account;
}
