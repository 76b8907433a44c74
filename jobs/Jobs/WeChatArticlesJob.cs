using Microsoft.Extensions.Options;
using Monitor.Ingest;
using Monitor.Ingest.WeChat.Api;
using Monitor.Jobs.Intake;
using Monitor.Jobs.Sources;
using Quartz;

namespace Monitor.Jobs.Jobs;

/// <summary>
/// Reads every published article of the account (freepublish/batchget, page by page) and stores each as a message
/// (SourceKind <c>wechat-article</c>); the store keeps an article once however often it is read.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class WeChatArticlesJob(IWeChatApiClient client, IOptions<WeChatApiOptions> api, MessageIntake intake, SourceRun run) : IJob
{
    private const int Chunk = 200;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var source = SourceRun.Definition(context);
        if (!api.Value.IsConfigured)
        {
            await run.State.RecordFailureAsync(source.Id, source.Kind, 0, nameof(WeChatErrorAction.DisableFeature),
                "WeChat:Api:AppId and WeChat:Api:AppSecret are not configured", run.Now, null, cancellationToken);
            return;
        }

        var created = 0;
        var batch = new List<Message>(Chunk);
        try
        {
            await foreach (var article in client.GetPublishedArticlesAsync(includeContent: true, cancellationToken))
            {
                batch.AddRange(article.ToMessages(source.AccountOrId));
                if (batch.Count >= Chunk)
                {
                    created += (await intake.AcceptBatchAsync(batch, cancellationToken)).Created;
                    batch.Clear();
                }
            }
        }
        catch (WeChatApiException ex)
        {
            // What was read before the error is kept.
            if (batch.Count > 0)
            {
                await intake.AcceptBatchAsync(batch, cancellationToken);
            }

            if (await run.WeChatFailedAsync(context, source, ex, cancellationToken) is { } retry)
            {
                throw retry;
            }

            return;
        }

        if (batch.Count > 0)
        {
            created += (await intake.AcceptBatchAsync(batch, cancellationToken)).Created;
        }

        await run.SucceededAsync(source, created, cancellationToken);
    }
}
