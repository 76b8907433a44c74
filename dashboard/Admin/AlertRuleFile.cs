using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Monitor.Jobs.Alerts;
using Monitor.Jobs.Scheduling;

namespace Monitor.Dashboard.Admin;

/// <summary>
/// The burst rules an admin manages, in <c>alert-rules.json</c> of the data folder. Once the file exists it is the whole
/// rule list (configuration rules are its starting point). Saving rebuilds <see cref="AlertOptions"/>, and the app's
/// <c>IOptions&lt;AlertOptions&gt;</c> reads the current value, so the next hourly evaluation uses the new rules without
/// a restart.
/// </summary>
internal sealed class AlertRuleFile(IConfiguration configuration, IOptionsMonitorCache<AlertOptions> cache, IOptionsMonitor<AlertOptions> current)
{
    public const string FileName = "alert-rules.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };
    private readonly Lock _gate = new();

    public string Path => PathIn(configuration);

    public IReadOnlyList<AlertRule> Rules => current.CurrentValue.Rules.ToList();

    public static string PathIn(IConfiguration configuration) =>
        System.IO.Path.Combine(System.IO.Path.GetFullPath(JobStoreSetup.DataDirectory(configuration)), FileName);

    /// <summary>Adds the rule or replaces the one with its id.</summary>
    public void Save(AlertRule rule) => Change(rules =>
    {
        var at = rules.FindIndex(r => r.Id == rule.Id);
        if (at >= 0)
        {
            rules[at] = rule;
        }
        else
        {
            rules.Add(rule);
        }

        return true;
    });

    public bool Delete(string id) => Change(rules => rules.RemoveAll(r => r.Id == id) > 0);

    /// <summary>Replaces the configured rules with the file's, when there is one (registered as a post-configure step).</summary>
    public static void Apply(IConfiguration configuration, AlertOptions options)
    {
        var path = PathIn(configuration);
        if (!File.Exists(path))
        {
            return;
        }

        var rules = JsonSerializer.Deserialize<List<AlertRule>>(File.ReadAllText(path), Json) ?? [];
        options.Rules.Clear();
        foreach (var rule in rules)
        {
            options.Rules.Add(rule);
        }
    }

    private bool Change(Func<List<AlertRule>, bool> change)
    {
        lock (_gate)
        {
            var rules = current.CurrentValue.Rules.Select(Copy).ToList();
            if (!change(rules))
            {
                return false;
            }

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            File.WriteAllText(Path + ".tmp", JsonSerializer.Serialize(rules, Json));
            File.Move(Path + ".tmp", Path, overwrite: true);
            cache.TryRemove(Options.DefaultName);
            return true;
        }
    }

    private static AlertRule Copy(AlertRule r) => new()
    {
        Id = r.Id, Account = r.Account, Split = r.Split, Value = r.Value, ThresholdFactor = r.ThresholdFactor, MinimumCount = r.MinimumCount,
    };
}

/// <summary><c>IOptions&lt;AlertOptions&gt;</c> that follows the monitor, so rules saved by an admin reach the singleton evaluator.</summary>
internal sealed class LiveAlertOptions(IOptionsMonitor<AlertOptions> monitor) : IOptions<AlertOptions>
{
    public AlertOptions Value => monitor.CurrentValue;
}
