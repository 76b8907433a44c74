namespace Monitor.Ingest.WeChat.Api;

/// <summary>
/// The WeChat official-account API calls Monitor polls with. Errors are <see cref="WeChatApiException"/>s whose
/// <see cref="WeChatApiException.Action"/> says what to do; busy answers and transient HTTP failures are already retried,
/// and a refused token already refreshed, by the time one is thrown.
/// </summary>
public interface IWeChatApiClient
{
    /// <summary>Every published item (freepublish/batchget), page by page, each exactly once.</summary>
    IAsyncEnumerable<WeChatArticle> GetPublishedArticlesAsync(bool includeContent, CancellationToken cancellationToken);

    /// <summary>Every comment, normal and featured, under article <paramref name="index"/> of a send (comment/list).</summary>
    IAsyncEnumerable<WeChatComment> GetCommentsAsync(long msgDataId, int index, CancellationToken cancellationToken);

    /// <summary>A customer-service text message (message/custom/send); 45015/45047 mean <see cref="WeChatErrorAction.NotDeliverable"/>.</summary>
    Task SendCustomTextAsync(string openId, string text, CancellationToken cancellationToken);
}
