namespace Monitor.Jobs.Retraining;

/// <summary>
/// The retraining duty, bound from the configuration section <c>Retraining</c>. Paths of the public data are
/// relative to <see cref="DataRoot"/>; the candidates go to <see cref="ModelsDirectory"/> (relative to the data folder).
/// </summary>
public sealed class RetrainingOptions
{
    public const string SectionName = "Retraining";

    /// <summary>Cron (Quartz syntax, the scheduler's time zone); Sunday 03:30 by default. A missed week is not made up.</summary>
    public string Cron { get; set; } = "0 30 3 ? * SUN";

    /// <summary>A task is retrained only when at least this many corrections arrived since it was last considered.</summary>
    public int MinNewCorrections { get; set; } = 50;

    /// <summary>The public corpora the models were trained on (read in place, never copied into the repo).</summary>
    public string DataRoot { get; set; } = "../shared/data";

    /// <summary>Where each task's versions go: <c>&lt;task&gt;/&lt;version&gt;/model.zip + CARD.md</c> and <c>&lt;task&gt;/state.json</c>.</summary>
    public string ModelsDirectory { get; set; } = "models";

    /// <summary>The tasks retrained from corrections (empty: all three trained models, <c>emotion</c>, <c>topic</c> and <c>sentiment</c>).</summary>
    public IList<string> Tasks { get; } = [];

    public string TopicDataFile { get; set; } = "gov_messages_teddy2020/messages_labeled.csv";

    /// <summary>Empty: <c>留言主题</c> and <c>留言详情</c>, as the committed topic model was trained.</summary>
    public IList<string> TopicTextColumns { get; } = [];

    public string TopicLabelColumn { get; set; } = "一级分类";

    /// <summary>Empty: the hot-issue and replied messages of gov_messages_teddy2020 (for the IDF, as the committed model).</summary>
    public IList<string> TopicUnlabeledFiles { get; } = [];

    // Configuration binding appends to a list that already has items, so the defaults live here, not in the lists.
    internal IReadOnlyList<string> EffectiveTasks => Tasks.Count > 0 ? [.. Tasks] : ["emotion", "topic", "sentiment"];

    internal IReadOnlyList<string> EffectiveTopicTextColumns => TopicTextColumns.Count > 0 ? [.. TopicTextColumns] : ["留言主题", "留言详情"];

    internal IReadOnlyList<string> EffectiveTopicUnlabeledFiles => TopicUnlabeledFiles.Count > 0
        ? [.. TopicUnlabeledFiles]
        : ["gov_messages_teddy2020/hot_issue_messages.csv", "gov_messages_teddy2020/replied_messages.csv"];

    public string? TopicTaxonomyFile { get; set; } = "gov_messages_teddy2020/label_taxonomy.csv";
}
