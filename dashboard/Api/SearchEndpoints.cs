using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Dashboard.Accounts;
using Monitor.Dashboard.Sealed;
using Monitor.Index.Queries;
using Monitor.Nlp.Segmentation;

namespace Monitor.Dashboard.Api;

/// <summary>Full-text search over the segmented messages, with highlighted matches and keyset paging.</summary>
internal static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", SearchAsync).RequireAuthorization(Policies.Search).WithName("Search");
        return app;
    }

    private static async Task<Results<Ok<SearchResult>, ValidationProblem>> SearchAsync(
        string q, HttpContext context, IMessageQueries queries, ITextSegmenter segmenter, SealedPath sealedPath, CancellationToken cancellationToken,
        string? cursor = null, int size = 20, string? sentiment = null, string? topic = null, DateTimeOffset? from = null, DateTimeOffset? to = null, string? account = null)
    {
        // The query is cut the way the pipeline cut the messages, so words match whole tokens.
        var words = segmenter.Cut(q, SegmentMode.Exact).Where(t => t.Any(char.IsLetterOrDigit)).ToList();
        if (words.Count == 0 || size is < 1 or > 100)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [words.Count == 0 ? "q" : "size"] = [words.Count == 0 ? "the query has no words to search for" : $"size must be between 1 and 100, was {size}"],
            });
        }

        // An empty form field means "any", not "the empty label".
        var filter = new MessageFilter
        {
            Keyword = string.Join(' ', words),
            Sentiment = string.IsNullOrWhiteSpace(sentiment) ? null : sentiment,
            Topic = string.IsNullOrWhiteSpace(topic) ? null : topic,
            Account = string.IsNullOrWhiteSpace(account) ? null : account,
            From = from,
            To = to,
        };
        var page = await queries.SearchAsync(filter, size, cursor, cancellationToken);
        var views = await sealedPath.ViewAsync(context.User, page.Hits.Select(h => h.Message), "search", cancellationToken);
        var opener = SealedPath.MayOpen(context.User);
        return TypedResults.Ok(new SearchResult(
            words,
            page.Total,
            page.NextCursor,
            page.Hits.Select((h, i) => new SearchResultHit(
                LatestMessage.From(views[i]),
                h.Score,
                views[i].Sealed && !opener ? [new SnippetPart(SealedPath.Placeholder, false)] : h.Snippet)).ToList()));
    }

    internal sealed record SearchResult(IReadOnlyList<string> Words, long Total, string? NextCursor, IReadOnlyList<SearchResultHit> Hits);

    internal sealed record SearchResultHit(LatestMessage Message, double Score, IReadOnlyList<SnippetPart> Snippet);
}
