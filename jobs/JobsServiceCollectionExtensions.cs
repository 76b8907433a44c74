using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitor.Jobs.Intake;
using Monitor.Jobs.Pipeline;

namespace Monitor.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the analysis pipeline; with <paramref name="runInBackground"/> also the worker that runs it inside
    /// the host (off for one-shot commands such as <c>monitor export</c>).
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration, bool runInBackground)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AnalysisSignal>();
        services.AddSingleton<MessageUnderstanding>();
        services.AddSingleton<NearDuplicateClusters>();
        services.AddSingleton<AnalysisPipeline>();
        services.AddSingleton<MessageIntake>();
        if (runInBackground)
        {
            services.AddHostedService<AnalysisWorker>();
        }

        return services;
    }
}
