using System.Globalization;
using System.Net;

namespace Monitor.Ingest.Feeds;

/// <summary>
/// Fetches a feed with a conditional GET (If-None-Match / If-Modified-Since from the last
/// <see cref="FeedValidators"/>); 304 gives no items. Network failures and bad statuses are results, not exceptions.
/// </summary>
public sealed class FeedPoller(HttpClient httpClient, FeedReader reader)
{
    public const int MaxFeedBytes = 16 * 1024 * 1024;

    public async Task<FeedPollResult> PollAsync(Uri feedUrl, FeedValidators? previous, string? account = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedUrl);
        previous ??= FeedValidators.None;
        using var request = new HttpRequestMessage(HttpMethod.Get, feedUrl);
        request.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1");
        if (!string.IsNullOrWhiteSpace(previous.ETag)
            && !request.Headers.TryAddWithoutValidation("If-None-Match", previous.ETag))
        {
            return Failed(0, previous, $"the stored ETag '{previous.ETag}' cannot be sent as a header");
        }

        if (previous.LastModified is { } since)
        {
            request.Headers.IfModifiedSince = since;
        }

        try
        {
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var validators = new FeedValidators(
                response.Headers.ETag?.ToString() ?? previous.ETag,
                response.Content.Headers.LastModified ?? previous.LastModified);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new FeedPollResult(FeedPollStatus.NotModified, 304, [], validators, []);
            }

            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                return Failed(status, previous, string.Create(CultureInfo.InvariantCulture, $"{feedUrl} answered HTTP {status} {response.ReasonPhrase}"));
            }

            if (response.Content.Headers.ContentLength > MaxFeedBytes)
            {
                return Failed(status, previous, string.Create(CultureInfo.InvariantCulture,
                    $"{feedUrl} sent {response.Content.Headers.ContentLength} bytes; the limit is {MaxFeedBytes}"));
            }

            using var body = new MemoryStream();
            await using (var stream = await response.Content.ReadAsStreamAsync(cancellationToken))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    if (body.Length + read > MaxFeedBytes)
                    {
                        return Failed(status, previous, string.Create(CultureInfo.InvariantCulture, $"{feedUrl} sent more than {MaxFeedBytes} bytes"));
                    }

                    body.Write(buffer, 0, read);
                }
            }

            body.Position = 0;
            var feed = reader.Read(body, account, feedUrl);
            return feed.IsFeed
                ? new FeedPollResult(FeedPollStatus.Updated, status, feed.Items, validators, feed.Problems)
                : Failed(status, previous, $"{feedUrl}: {feed.Problems[0]}");
        }
        catch (HttpRequestException ex)
        {
            return Failed(0, previous, $"{feedUrl} could not be fetched: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(0, previous, $"{feedUrl} timed out after {httpClient.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
    }

    private static FeedPollResult Failed(int statusCode, FeedValidators previous, string problem) =>
        new(FeedPollStatus.Failed, statusCode, [], previous, [problem]);
}
