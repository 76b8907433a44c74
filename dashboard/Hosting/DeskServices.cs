using Microsoft.Extensions.Options;
using Monitor.Dashboard.Admin;
using Monitor.Dashboard.Replies;
using Monitor.Dashboard.Sealed;
using Monitor.Jobs.Alerts;

namespace Monitor.Dashboard.Hosting;

/// <summary>The services behind the sealed path, the responders' replies and the admin's rules and dictionary.</summary>
internal static class DeskServices
{
    public static IServiceCollection AddDashboardDesks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<SealedAudit>();
        services.AddSingleton<SealedPath>();
        services.AddSingleton<ReplyLog>();
        services.AddSingleton<ReplyRecipients>();
        services.AddSingleton<CustomerServiceReplies>();
        services.AddSingleton<AlertRuleFile>();
        services.AddSingleton<UserDictionary>();
        // Rules saved by an admin replace the configured ones; the evaluator's IOptions follows the monitor so it sees them.
        services.PostConfigure<AlertOptions>(o => AlertRuleFile.Apply(configuration, o));
        services.AddSingleton<IOptions<AlertOptions>, LiveAlertOptions>();
        return services;
    }
}
