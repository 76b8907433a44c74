using System.IO.Compression;
using System.Net;
using System.Text;

namespace Monitor.Index.Tests.Support;

/// <summary>
/// Stands in for an Elasticsearch node under the real client: records each request (gunzipping the body the
/// client compresses) and answers with the status and body the test chose, with the product header the client
/// checks on its first call.
/// </summary>
public sealed class ReplayHandler : HttpMessageHandler
{
    private readonly Func<RecordedRequest, (int Status, string Body)> _answer;

    public ReplayHandler(Func<RecordedRequest, (int Status, string Body)> answer) => _answer = answer;

    public List<RecordedRequest> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = string.Empty;
        if (request.Content is not null)
        {
            var bytes = await request.Content.ReadAsByteArrayAsync(cancellationToken);
            if (request.Content.Headers.ContentEncoding.Contains("gzip"))
            {
                await using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                using var plain = new MemoryStream();
                await gzip.CopyToAsync(plain, cancellationToken);
                bytes = plain.ToArray();
            }

            body = Encoding.UTF8.GetString(bytes);
        }

        var recorded = new RecordedRequest(request.Method, request.RequestUri!.PathAndQuery, request.Content?.Headers.ContentType?.MediaType, body);
        Requests.Add(recorded);
        var (status, answer) = _answer(recorded);
        var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = new StringContent(answer, Encoding.UTF8, "application/json"),
            RequestMessage = request,
        };
        response.Headers.Add("X-Elastic-Product", "Elasticsearch");
        return response;
    }
}
