using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monitor.Index;
using Monitor.Index.Corrections;
using Monitor.Index.Retention;
using Monitor.Ingest.WeChat.Api;
using Monitor.Jobs.Alerts;
using Monitor.Nlp.Classification;
using Monitor.Nlp.Emotion;
using Monitor.Nlp.FastScoring;
using Monitor.Nlp.Sentiment;
using Monitor.Nlp.Topics;
using Monitor.Jobs.Briefs;
using Monitor.Jobs.Intake;
using Monitor.Jobs.Jobs;
using Monitor.Jobs.Pipeline;
using Monitor.Jobs.Retention;
using Monitor.Jobs.Retraining;
using Monitor.Jobs.Scheduling;
using Monitor.Jobs.Sources;
using Quartz;

namespace Monitor.Jobs;

public static class JobsServiceCollectionExtensions
{
    public const string SourcesDatabaseFile = "sources.db";

    /// <summary>
    /// Registers the analysis pipeline, the intake, the Quartz scheduler on its persistent job store
    /// (<see cref="SchedulerOptions"/>, section <c>Jobs</c>), <see cref="ISourceSchedule"/> and <see cref="ISourceHealth"/>.
    /// With <paramref name="runInBackground"/> the host also runs the analysis worker, the scheduler and the start-up
    /// scheduling of configured sources and duties (off for one-shot commands and <c>serve --no-scheduler</c>, which
    /// can still edit the schedule in the shared store).
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration, bool runInBackground)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AnalysisSignal>();
        services.TryAddSingleton<MessageUnderstanding>();
        services.AddSingleton<NearDuplicateClusters>();
        services.AddOptions<UrgencyContextOptions>().Bind(configuration.GetSection(UrgencyContextOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UrgencyContextOptions>, UrgencyContextOptionsValidator>());
        services.TryAddSingleton(sp => new UrgencyContext(
            sp.GetRequiredService<IMessageStore>() as Monitor.Index.Signals.IUrgencySignals,
            sp.GetService<Monitor.Nlp.Urgency.IUrgencyScorer>() ?? Monitor.Nlp.Urgency.UrgencyScorerFactory.Create(),
            sp.GetRequiredService<IOptions<UrgencyContextOptions>>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<UrgencyContext>>()));
        services.AddSingleton<AnalysisPipeline>();
        services.AddSingleton<MessageIntake>();
        services.AddScheduler(configuration);
        services.AddAlerts(configuration);
        services.AddBriefs(configuration);
        services.AddRetention(configuration);
        services.AddRetraining(configuration);
        if (runInBackground)
        {
            Directory.CreateDirectory(JobStoreSetup.DataDirectory(configuration));
            services.AddHostedService<AnalysisWorker>();
            services.AddHostedService<ScheduleBootstrap>();
            services.AddHostedService<AlertSchedule>();
            services.AddHostedService<BriefSchedule>();
            services.AddHostedService<RetentionSchedule>();
            services.AddHostedService<RetrainingSchedule>();
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        }

        return services;
    }

    private static void AddScheduler(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulerOptions>().Bind(configuration.GetSection(SchedulerOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchedulerOptions>, SchedulerOptionsValidator>());
        var options = configuration.GetSection(SchedulerOptions.SectionName).Get<SchedulerOptions>() ?? new SchedulerOptions();
        var dataDirectory = JobStoreSetup.DataDirectory(configuration);
        services.AddQuartz(q => JobStoreSetup.Configure(q, options, dataDirectory));
        services.AddWeChatApi(configuration);
        services.AddHttpClient(PageSourceJob.HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(30);
            client.DefaultRequestHeaders.UserAgent.ParseAdd("Monitor/1.0 (+page watcher)");
        });
        services.TryAddSingleton(_ => new SourceStateStore(Path.Combine(dataDirectory, SourcesDatabaseFile)));
        services.TryAddSingleton<ISourceHealth>(sp => sp.GetRequiredService<SourceStateStore>());
        services.TryAddSingleton<SourceSchedule>();
        services.TryAddSingleton<ISourceSchedule>(sp => sp.GetRequiredService<SourceSchedule>());
        services.TryAddSingleton<SourceRun>();
        services.AddTransient<FeedSourceJob>();
        services.AddTransient<PageSourceJob>();
        services.AddTransient<WeChatArticlesJob>();
        services.AddTransient<WeChatCommentsJob>();
        services.AddTransient<AnalysisCatchUpJob>();
    }

    /// <summary>Burst alerts (section <c>Alerts</c>): the evaluator, its state in <c>alerts.db</c>, the channels and <see cref="IAlertFeed"/>.</summary>
    private static void AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>());
        var dataDirectory = JobStoreSetup.DataDirectory(configuration);
        services.TryAddSingleton(sp => new AlertStateStore(Path.Combine(dataDirectory, sp.GetRequiredService<IOptions<AlertOptions>>().Value.DatabaseFile)));
        services.TryAddSingleton<IAlertFeed>(sp => sp.GetRequiredService<AlertStateStore>());
        services.AddHttpClient(WeComChannel.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertChannel, WeComChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertChannel, DingTalkChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertChannel, EmailChannel>());
        services.TryAddSingleton<AlertDispatcher>();
        services.TryAddSingleton<BurstAlertEvaluator>();
        services.TryAddSingleton<SourceSilenceEvaluator>();
        services.TryAddSingleton<IngestAlertForwarder>();
        services.AddTransient<AlertEvaluationJob>();
    }

    /// <summary>The daily and weekly brief (section <c>Briefs</c>), written to <c>briefs/</c> in the data folder.</summary>
    private static void AddBriefs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BriefOptions>().Bind(configuration.GetSection(BriefOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BriefOptions>, BriefOptionsValidator>());
        var dataDirectory = JobStoreSetup.DataDirectory(configuration);
        services.TryAddSingleton<BriefBuilder>();
        services.TryAddSingleton(sp => new BriefWriter(sp.GetRequiredService<BriefBuilder>(), sp.GetRequiredService<IOptions<BriefOptions>>(), dataDirectory));
        services.AddTransient<BriefJob>();
    }

    /// <summary>
    /// Retention and per-person erasure (section <c>Retention</c>): the nightly duty, its queue in <c>retention.db</c>
    /// and <see cref="IErasureRequests"/>. The store's retention side is the registered message store's.
    /// </summary>
    private static void AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>());
        var dataDirectory = JobStoreSetup.DataDirectory(configuration);
        services.TryAddSingleton(sp => sp.GetRequiredService<IMessageStore>() as IStoreRetention
            ?? throw new InvalidOperationException("The registered message store has no retention side."));
        services.TryAddSingleton(sp => sp.GetRequiredService<IMessageStore>() as ILabelCorrections
            ?? throw new InvalidOperationException("The registered message store keeps no label corrections."));
        services.TryAddSingleton(sp => new ErasureQueue(Path.Combine(dataDirectory, sp.GetRequiredService<IOptions<RetentionOptions>>().Value.DatabaseFile)));
        services.TryAddSingleton<IErasureRequests, ErasureDesk>();
        services.AddTransient<RetentionJob>();
    }

    /// <summary>Retraining from label corrections (section <c>Retraining</c>): the weekly duty and <see cref="ModelRetrainer"/>.</summary>
    private static void AddRetraining(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetrainingOptions>().Bind(configuration.GetSection(RetrainingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetrainingOptions>, RetrainingOptionsValidator>());
        var dataDirectory = JobStoreSetup.DataDirectory(configuration);
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<ModelRetrainer>(sp, dataDirectory));
        services.AddTransient<RetrainingJob>();
        UsePromoted<IEmotionClassifier>(services, LabelTasks.Emotion, path => (IEmotionClassifier)FastScoringLoader.Accelerate(TextClassifierFactory.Load(path, LabelTasks.Emotion), path));
        UsePromoted<ITopicClassifier>(services, LabelTasks.Topic, path => (ITopicClassifier)FastScoringLoader.Accelerate(TextClassifierFactory.Load(path, LabelTasks.Topic), path));
        UsePromoted(services, LabelTasks.Sentiment, path => FastScoringLoader.Accelerate(SentimentClassifierFactory.Load(path), path));
    }

    /// <summary>
    /// When the retraining duty promoted a version of <paramref name="task"/>, the pipeline loads it (at its first use,
    /// so from the next start of the process) instead of the deployed model registered by AddNlp; otherwise AddNlp's
    /// registration stands. Nothing changes when AddNlp was not called.
    /// </summary>
    private static void UsePromoted<T>(IServiceCollection services, string task, Func<string, T> load)
        where T : class
    {
        if (services.LastOrDefault(d => d.ServiceType == typeof(T) && !d.IsKeyedService)?.ImplementationFactory is not { } deployed)
        {
            return;
        }

        services.Replace(ServiceDescriptor.Singleton<T>(sp =>
            sp.GetRequiredService<ModelRetrainer>().PromotedModelPath(task) is { } promoted
                ? load(promoted)
                : (T)deployed(sp)));
    }
}
