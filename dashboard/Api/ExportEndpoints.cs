using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;
using Monitor.Dashboard.Accounts;
using Monitor.Dashboard.Sealed;
using Monitor.Index;
using Monitor.Jobs.Cli;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;

namespace Monitor.Dashboard.Api;

/// <summary>
/// Researchers' exports (PRODUCT.md idea 11): the messages of a time range with pseudonyms only, a codebook that
/// explains every column, and a stamp of the data range, model and dictionary versions, so a result can be
/// reproduced. Excel: three sheets; CSV: a zip of three files.
/// </summary>
internal static class ExportEndpoints
{
    private const int MaxRows = 200_000;

    private static readonly (string Column, string Meaning)[] Codebook =
    [
        ("id", "store row number"),
        ("case_number", "case number given to the citizen (day received, China time, and row)"),
        ("source_kind", "wechat = message to the account; wechat-comment = comment under a post; import; rss; page"),
        ("source_id", "the source's own id (WeChat MsgId for messages)"),
        ("account", "the account the message was sent to"),
        ("author", "keyed-hash pseudonym of the sender (u_…); x_… after the person asked to be erased; never an OpenID"),
        ("time", "when the citizen sent it, ISO 8601 UTC"),
        ("kind", "WeChat MsgType (text, voice, image, location, link) or event:<name>"),
        ("text", "the message text; phone, ID-card numbers and e-mails replaced by [类型:pseudonym]; 涉黑举报 rows are sealed: placeholder text, no author or tokens"),
        ("tokens", "jieba segmentation, space-separated"),
        ("sentiment", "positive / negative"),
        ("sentiment_score", "probability of the sentiment label"),
        ("topic", "government topic (一级分类) when the topic model ran"),
        ("emotion", "angry / happy / neutral / sad / fear / surprise when the emotion model ran"),
        ("urgency", "0–100 urgency score when scored"),
        ("model_version", "the models that labelled the row: sentiment, emotion and topic versions, space-separated"),
        ("dictionary_version", "the segmentation dictionaries that cut the row"),
    ];

    public static IEndpointRouteBuilder MapExportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/export", ExportAsync).RequireAuthorization(Policies.Export).WithName("Export");
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportAsync(
        IMessageStore store, ITextSegmenter segmenter, ISentimentClassifier sentiment, SealedPath sealedPath, TimeProvider time, CancellationToken cancellationToken,
        string format = "xlsx", DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        if (format is not ("xlsx" or "csv"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [$"format must be xlsx or csv, was '{format}'"] });
        }

        var rows = new List<Dictionary<string, object?>>();
        await foreach (var stored in store.ExportAsync(cancellationToken))
        {
            if ((from is not null && stored.Message.Time < from) || (to is not null && stored.Message.Time >= to) || stored.Message.Kind.StartsWith("event", StringComparison.Ordinal))
            {
                continue;
            }

            // Exports are never for 涉黑专办 (not in the policy), so sealed rows always leave without text, tokens or author.
            var exported = sealedPath.IsSealed(stored) ? SealedPath.Seal(stored) : stored;
            rows.Add(Row(ExportRecord.From(exported), exported.Analysis));
            if (rows.Count == MaxRows)
            {
                break;
            }
        }

        var stamp = new List<Dictionary<string, object?>>
        {
            Pair("exported_at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)),
            Pair("data_from", from?.ToString("O", CultureInfo.InvariantCulture) ?? "(all)"),
            Pair("data_to", to?.ToString("O", CultureInfo.InvariantCulture) ?? "(all)"),
            Pair("rows", rows.Count.ToString(CultureInfo.InvariantCulture)),
            Pair("sentiment_model", sentiment.ModelVersion),
            Pair("dictionary", segmenter.DictionaryVersion),
        };
        var codebook = Codebook.Select(c => new Dictionary<string, object?> { ["column"] = c.Column, ["meaning"] = c.Meaning }).ToList();
        var name = $"monitor-export-{time.GetUtcNow():yyyyMMdd-HHmmss}";
        using var buffer = new MemoryStream();
        if (format == "xlsx")
        {
            await buffer.SaveAsAsync(new Dictionary<string, object> { ["messages"] = rows, ["codebook"] = codebook, ["stamp"] = stamp }, cancellationToken: cancellationToken);
            return TypedResults.File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
        }

        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (file, sheet) in new[] { ("messages.csv", rows), ("codebook.csv", codebook), ("stamp.csv", stamp) })
            {
                await using var entry = await zip.CreateEntry(file).OpenAsync(cancellationToken);
                await entry.WriteAsync(Encoding.UTF8.GetPreamble(), cancellationToken);
                await entry.SaveAsAsync(sheet, excelType: ExcelType.CSV, cancellationToken: cancellationToken);
            }
        }

        return TypedResults.File(buffer.ToArray(), "application/zip", name + ".csv.zip");
    }

    private static Dictionary<string, object?> Row(ExportRecord r, StoredAnalysis? a) => new()
    {
        ["id"] = r.Id,
        ["case_number"] = r.CaseNumber,
        ["source_kind"] = r.SourceKind,
        ["source_id"] = r.SourceId,
        ["account"] = r.Account,
        ["author"] = r.Author,
        ["time"] = r.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["kind"] = r.Kind,
        ["text"] = r.Text,
        ["tokens"] = r.Tokens is null ? null : string.Join(' ', r.Tokens),
        ["sentiment"] = r.Sentiment?.Label,
        ["sentiment_score"] = r.Sentiment?.Score,
        ["topic"] = a?.Topic?.Label,
        ["emotion"] = a?.Emotion?.Label,
        ["urgency"] = a?.Urgency?.Score,
        ["model_version"] = r.ModelVersion,
        ["dictionary_version"] = r.DictionaryVersion,
    };

    private static Dictionary<string, object?> Pair(string key, string value) => new() { ["key"] = key, ["value"] = value };
}
