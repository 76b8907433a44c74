using Microsoft.Extensions.Options;
using Monitor.Ingest;
using Monitor.Ingest.Privacy;
using Monitor.Ingest.WeChat.Api;
using Monitor.Jobs.Intake;
using Monitor.Jobs.Sources;
using Quartz;

namespace Monitor.Jobs.Jobs;

/// <summary>
/// Reads the comments (and the account's replies) under each configured article, <c>msg_data_id:index</c>; the
/// commenter's OpenID becomes a pseudonym before anything is stored. An 88xxx error concerns one article: it is
/// recorded and the others are read.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class WeChatCommentsJob(
    IWeChatApiClient client, IOptions<WeChatApiOptions> api, Pseudonymizer pseudonymizer, MessageIntake intake, SourceRun run) : IJob
{
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
        var articleErrors = new List<string>();
        foreach (var article in source.Articles)
        {
            if (!SourceDefinitionValidator.TryParseArticle(article, out var msgDataId, out var index))
            {
                articleErrors.Add($"{article}: not msg_data_id:index");
                continue;
            }

            var messages = new List<Message>();
            try
            {
                await foreach (var comment in client.GetCommentsAsync(msgDataId, index, cancellationToken))
                {
                    messages.Add(comment.ToMessage(pseudonymizer, source.AccountOrId));
                    if (comment.ToReplyMessage(source.AccountOrId) is { } reply)
                    {
                        messages.Add(reply);
                    }
                }
            }
            catch (WeChatApiException ex) when (ex.Action == WeChatErrorAction.PerArticle)
            {
                articleErrors.Add($"{article}: errcode {ex.ErrorCode} ({ex.ErrorMessage})");
            }
            catch (WeChatApiException ex)
            {
                if (messages.Count > 0)
                {
                    await intake.AcceptBatchAsync(messages, cancellationToken);
                }

                if (await run.WeChatFailedAsync(context, source, ex, cancellationToken) is { } retry)
                {
                    throw retry;
                }

                return;
            }

            if (messages.Count > 0)
            {
                created += (await intake.AcceptBatchAsync(messages, cancellationToken)).Created;
            }
        }

        await run.SucceededAsync(source, created, cancellationToken);
        if (articleErrors.Count > 0)
        {
            // Health shows the last per-article problem without counting the run as failed.
            await run.State.AddAlertAsync(new IngestAlert(source.Id, run.Now, 88000, nameof(WeChatErrorAction.PerArticle), string.Join("; ", articleErrors)), cancellationToken);
        }
    }
}
