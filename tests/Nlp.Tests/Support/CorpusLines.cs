using System.Text.Json;
using CsvHelper;

namespace Monitor.Nlp.Tests.Support;

/// <summary>
/// Every line of real text in <c>../shared/data</c>: the text columns of the CSV corpora (fields may span lines; each line
/// counts), the <c>content</c> of the SMP2020 JSONL files and the SIGHAN test inputs.
/// </summary>
internal static class CorpusLines
{
    private static readonly (string File, string[] Columns)[] CsvColumns =
    [
        ("gov_messages_teddy2020/messages_labeled.csv", ["留言主题", "留言详情"]),
        ("gov_messages_teddy2020/hot_issue_messages.csv", ["留言主题", "留言详情"]),
        ("gov_messages_teddy2020/replied_messages.csv", ["留言主题", "留言详情", "答复意见"]),
        ("weibo_senti_100k_subset/weibo_senti_100k_subset.csv", ["review"]),
        ("waimai_10k/waimai_10k.csv", ["review"]),
        ("chnsenticorp_htl_all/ChnSentiCorp_htl_all.csv", ["review"]),
        ("online_shopping_10_cats/online_shopping_10_cats.csv", ["review"]),
        ("thucnews_titles/thucnews_titles.csv", ["text"]),
    ];

    private static readonly Lazy<Task<IReadOnlyList<CorpusLine>>> AllLines = new(LoadAsync);

    /// <summary>../shared/data next to the repository root.</summary>
    public static string DataRoot => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "data"));

    public static Task<IReadOnlyList<CorpusLine>> AllAsync() => AllLines.Value;

    /// <summary>The citizen messages and Weibo texts (the corpus of our own IDF).</summary>
    public static async Task<IReadOnlyList<CorpusLine>> GovernmentAndWeiboAsync() =>
        [.. (await AllAsync()).Where(l => l.Source.StartsWith("gov_messages", StringComparison.Ordinal) || l.Source.StartsWith("weibo", StringComparison.Ordinal)
            || l.Source.StartsWith("smp2020", StringComparison.Ordinal))];

    private static async Task<IReadOnlyList<CorpusLine>> LoadAsync()
    {
        var lines = new List<CorpusLine>();
        foreach (var (file, columns) in CsvColumns)
        {
            var options = new CsvReaderOptions { HasHeader = true, TrimWhitespace = false };
            await using var csv = CsvReader.Create(File.OpenRead(Path.Combine(DataRoot, file)), options, leaveOpen: false);
            while (await csv.ReadAsync(CancellationToken.None))
            {
                foreach (var column in columns)
                {
                    AddLines(lines, $"{file}#{column}", csv.GetString(column));
                }
            }
        }

        foreach (var file in new[] { "smp2020_ewect/usual.jsonl", "smp2020_ewect/virus.jsonl" })
        {
            foreach (var json in File.ReadLines(Path.Combine(DataRoot, file)))
            {
                if (json.Length == 0)
                {
                    continue;
                }

                using var document = JsonDocument.Parse(json);
                AddLines(lines, file, document.RootElement.GetProperty("content").GetString() ?? string.Empty);
            }
        }

        foreach (var file in new[] { "segmentation/pku_test.utf8", "segmentation/msr_test.utf8" })
        {
            AddLines(lines, file, File.ReadAllText(Path.Combine(DataRoot, file)));
        }

        return lines;
    }

    private static void AddLines(List<CorpusLine> lines, string source, string text)
    {
        foreach (var line in text.TrimStart('\uFEFF').Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (!string.IsNullOrWhiteSpace(trimmed))
            {
                lines.Add(new CorpusLine(source, trimmed));
            }
        }
    }
}
