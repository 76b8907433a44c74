using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using Monitor.Nlp.Keywords;
using Monitor.Nlp.Segmentation;

namespace Monitor.Jobs.Cli;

/// <summary>
/// <c>monitor keywords</c>: text lines in, one line of <c>word:weight</c> pairs (or a JSON array) out per input line; and
/// <c>monitor keywords build-idf</c>, which computes our IDF from the citizen messages and Weibo texts.
/// </summary>
public static class KeywordsCommand
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly (string File, string[] Columns)[] IdfSources =
    [
        ("gov_messages_teddy2020/messages_labeled.csv", ["留言主题", "留言详情"]),
        ("gov_messages_teddy2020/hot_issue_messages.csv", ["留言主题", "留言详情"]),
        ("gov_messages_teddy2020/replied_messages.csv", ["留言主题", "留言详情"]),
        ("weibo_senti_100k_subset/weibo_senti_100k_subset.csv", ["review"]),
    ];

    public static async Task<int> RunAsync(
        IKeywordExtractor extractor, TextReader input, TextWriter output, int top, bool json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            var keywords = extractor.Extract(line, top);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(keywords.Select(k => new { word = k.Word, weight = Math.Round(k.Weight, 6) }), Json));
            }
            else
            {
                await output.WriteLineAsync(string.Join(' ', keywords.Select(k => k.Word + ":" + k.Weight.ToString("0.####", CultureInfo.InvariantCulture))));
            }
        }

        await output.FlushAsync(cancellationToken);
        return 0;
    }

    /// <summary>
    /// Counts in how many texts each keyword candidate occurs over the citizen messages (subject + detail, each message
    /// once) and the Weibo texts of <paramref name="dataRoot"/>, and writes <c>idf.txt</c> and <c>CARD.md</c>.
    /// </summary>
    public static async Task<int> BuildIdfAsync(
        ITextSegmenter segmenter, string dataRoot, string outputDirectory, string commandLine, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        ArgumentNullException.ThrowIfNull(progress);
        var isCandidate = KeywordExtractors.CreateCandidateFilter();
        var counts = new TermCounts();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var perSource = new List<string>();
        foreach (var (file, columns) in IdfSources)
        {
            var before = counts.Documents;
            var options = new CsvReaderOptions { HasHeader = true, TrimWhitespace = false };
            await using var csv = CsvReader.Create(File.OpenRead(Path.Combine(dataRoot, file)), options, leaveOpen: false);
            while (await csv.ReadAsync(cancellationToken))
            {
                var text = string.Join('\n', columns.Select(c => csv.GetString(c).TrimStart('\uFEFF').Trim()));
                AddDocument(text);
            }

            perSource.Add($"| `{file}` ({string.Join(", ", columns)}) | {counts.Documents - before:N0} |");
        }

        foreach (var file in new[] { "smp2020_ewect/usual.jsonl", "smp2020_ewect/virus.jsonl" })
        {
            var before = counts.Documents;
            foreach (var line in File.ReadLines(Path.Combine(dataRoot, file)))
            {
                if (line.Length > 0)
                {
                    using var document = JsonDocument.Parse(line);
                    AddDocument(document.RootElement.GetProperty("content").GetString() ?? string.Empty);
                }
            }

            perSource.Add($"| `{file}` (content) | {counts.Documents - before:N0} |");
        }

        Directory.CreateDirectory(outputDirectory);
        var words = IdfBuilder.WriteFile(counts, Path.Combine(outputDirectory, "idf.txt"));
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "CARD.md"), Card(counts, words, perSource, segmenter.DictionaryVersion, commandLine), cancellationToken);
        await progress.WriteLineAsync($"idf: {counts.Documents:N0} texts, {words:N0} words → {Path.Combine(outputDirectory, "idf.txt")}");
        return 0;

        void AddDocument(string text)
        {
            if (string.IsNullOrWhiteSpace(text) || !seen.Add(text))
            {
                return;
            }

            counts.Add(segmenter.Cut(text).Where(isCandidate));
        }
    }

    private static string Card(TermCounts counts, int words, List<string> perSource, string dictionaryVersion, string commandLine)
    {
        var card = new StringBuilder();
        card.Append(CultureInfo.InvariantCulture, $"""
            # idf-gov — inverse document frequencies of our own corpus

            `idf.txt`: one line `word idf` per word (jieba's `idf.txt` format), idf = ln(N / df), N = {counts.Documents:N0} texts,
            df = number of texts containing the word; {words:N0} words that occur in at least 2 texts, most frequent first.
            Words not listed get the median idf (as jieba). Use: `./monitor keywords --idf models/idf-gov/idf.txt`.

            ## Data (../shared/data; each distinct text once)

            | source | texts |
            |---|---:|

            """);
        foreach (var line in perSource)
        {
            card.Append(line).Append('\n');
        }

        card.Append(CultureInfo.InvariantCulture, $"""

            Tokens: our fast segmenter, exact mode with HMM, dictionary `{dictionaryVersion}` (jieba 0.42.1 + county dictionary);
            only keyword candidates counted (at least 2 characters, not in jieba.NET's stopwords.txt).
            Citizen messages are from a 2019–2020 city message board (Teddy Cup 2020, place names anonymised as A市, A3区);
            Weibo texts are general social media (weibo_senti_100k, SMP2020-EWECT). Government replies are not included.

            ## Rebuilt

            {DateTime.UtcNow:yyyy-MM-dd} with `{commandLine}`.
            """);
        card.Append('\n');
        return card.ToString();
    }
}
