using System.Globalization;
using System.Text;
using Monitor.Index;
using Monitor.Index.Sqlite;
using Monitor.Ingest;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;

namespace Monitor.Bench.Synthetic;

/// <summary>
/// A million realistic citizen messages from real vocabulary: the labelled government messages of
/// ../shared/data/gov_messages_teddy2020 are segmented once; each synthetic message takes a stretch of one of them
/// (keeping its topic) and swaps some words for others drawn by corpus frequency. Times follow a day/night profile
/// over two years; authors, clusters, urgency and case histories are drawn with a fixed seed.
/// </summary>
internal sealed class SyntheticMessages
{
    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
    public static readonly TimeSpan Span = TimeSpan.FromDays(730);
    public static readonly string[] Accounts = ["gh_zhengding", "gh_shijiazhuang", "gh_gaocheng", "gh_luancheng", "gh_xinle"];
    private static readonly string[] Emotions = ["angry", "sad", "fear", "neutral", "happy", "surprise"];
    private static readonly double[] HourWeights = [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 2, 4, 6, 6, 5, 4, 5, 6, 6, 5, 4, 4, 5, 5, 4, 3, 2];

    private readonly List<(string Topic, string[] Tokens)> _templates;
    private readonly string[] _vocabulary;

    private SyntheticMessages(List<(string Topic, string[] Tokens)> templates, string[] vocabulary)
    {
        _templates = templates;
        _vocabulary = vocabulary;
    }

    public IReadOnlyList<string> Vocabulary => _vocabulary;

    public static SyntheticMessages FromSharedData(string dataRoot)
    {
        var segmenter = TextSegmenterFactory.CreateJieba();
        var templates = new List<(string, string[])>();
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (topic, text) in ReadLabelled(Path.Combine(dataRoot, "gov_messages_teddy2020", "messages_labeled.csv")))
        {
            var clean = text.Length > 160 ? text[..160] : text;
            var tokens = segmenter.Cut(clean).Where(t => !string.IsNullOrWhiteSpace(t)).ToArray();
            if (tokens.Length >= 4)
            {
                templates.Add((topic, tokens));
                foreach (var token in tokens)
                {
                    frequency[token] = frequency.GetValueOrDefault(token) + 1;
                }
            }
        }

        // Frequency-weighted vocabulary: a word appears in the array as often as in the corpus.
        var vocabulary = frequency.SelectMany(f => Enumerable.Repeat(f.Key, f.Value)).ToArray();
        return new SyntheticMessages(templates, vocabulary);
    }

    public IEnumerable<BulkItem> Generate(int count, int seed) => Generate(count, seed, Span);

    /// <summary>The messages alone (no analysis, no case history): what arrives at a running system.</summary>
    public IEnumerable<Message> GenerateMessages(int count, int seed, TimeSpan span) => Generate(count, seed, span).Select(item => item.Message);

    /// <summary>The same messages spread over <paramref name="span"/> from <see cref="Start"/> (e.g. one simulated year).</summary>
    public IEnumerable<BulkItem> Generate(int count, int seed, TimeSpan span)
    {
        var random = new Random(seed);
        var spanMs = (long)span.TotalMilliseconds;
        var startMs = Start.ToUnixTimeMilliseconds();
        var hourTotal = HourWeights.Sum();
        var clusterId = 0L;
        var clusterLeft = 0;
        var clusterTemplate = _templates[0];
        var end = Start + span;
        for (var i = 0; i < count; i++)
        {
            // Times ascend with i (as a live store fills), with the hour of day drawn from the profile.
            var dayMs = startMs + (spanMs * i / count / 86_400_000 * 86_400_000);
            var time = DateTimeOffset.FromUnixTimeMilliseconds(dayMs + (PickHour(random, hourTotal) * 3_600_000L) + random.Next(3_600_000));
            var account = Accounts[Math.Min(Accounts.Length - 1, (int)(Math.Pow(random.NextDouble(), 1.6) * Accounts.Length))];
            var roll = random.NextDouble();
            var source = roll < 0.01 ? "wechat-article" : roll < 0.11 ? "wechat-comment" : roll < 0.15 ? "import" : "wechat";
            var template = _templates[random.Next(_templates.Count)];
            long? cluster = null;
            if (clusterLeft > 0)
            {
                template = clusterTemplate;
                cluster = clusterId;
                clusterLeft--;
            }
            else if (random.NextDouble() < 0.01)
            {
                clusterId = i + 1;
                clusterTemplate = template;
                clusterLeft = random.Next(2, 8);
                cluster = clusterId;
            }

            var tokens = Vary(template.Tokens, random, cluster is null ? 0.25 : 0.05);
            var emotion = Emotions[random.Next(Emotions.Length)];
            var positive = emotion switch { "happy" => 0.85, "neutral" or "surprise" => random.NextDouble(), _ => 0.15 };
            var service = random.NextDouble() switch { < 0.30 => "政务查询", < 0.36 => "污染举报", < 0.37 => "涉黑举报", _ => null };
            var isCase = source is not "wechat-article";
            var author = isCase ? "u" + ((int)(Math.Pow(random.NextDouble(), 2) * 200_000)).ToString(CultureInfo.InvariantCulture) : null;
            var urgency = (int)Math.Round(100 * Math.Pow(random.NextDouble(), 3));
            var message = new Message
            {
                SourceKind = source,
                SourceId = "s" + i.ToString(CultureInfo.InvariantCulture),
                Account = account,
                Author = author,
                Time = time,
                Kind = source == "wechat-article" ? "article" : "text",
                Title = source == "wechat-article" ? string.Concat(tokens.Take(8)) : null,
                Text = string.Concat(tokens),
            };
            var analysis = new AnalysisResult
            {
                MessageId = 0,
                Tokens = tokens,
                Sentiment = SentimentPrediction.FromPositiveProbability(positive),
                ModelVersion = "sentiment-bench",
                DictionaryVersion = "jieba-0.42.2",
                AnalysedAt = time.AddSeconds(2),
                Topic = new ScoredLabel(template.Topic, 0.5 + (random.NextDouble() / 2)),
                Emotion = new ScoredLabel(emotion, 0.4 + (random.NextDouble() / 2)),
                Urgency = new UrgencyAssessment(urgency, urgency > 60 ? ["危险词"] : []),
                ServiceFunction = service is null ? null : new ServiceFunctionMatch(service, [tokens[0]]),
                NearDuplicate = cluster is null ? null : new NearDuplicate((ulong)cluster.Value * 0x9E37_79B9_7F4A_7C15UL, cluster.Value),
            };
            var old = end - time > TimeSpan.FromDays(3);
            var replied = isCase && old && random.NextDouble() < 0.7 ? time.AddHours(1 + (random.NextDouble() * 60)) : (DateTimeOffset?)null;
            yield return new BulkItem(message, time, analysis)
            {
                Assignee = isCase && random.NextDouble() < 0.5 ? "responder" + random.Next(10).ToString(CultureInfo.InvariantCulture) : null,
                RepliedAt = replied,
                ResolvedAt = replied is { } r && random.NextDouble() < 0.85 ? r.AddHours(random.NextDouble() * 48) : null,
            };
        }
    }

    private string[] Vary(string[] template, Random random, double swap)
    {
        var length = Math.Min(template.Length, random.Next(8, 40));
        var offset = random.Next(template.Length - length + 1);
        var tokens = new string[length];
        for (var i = 0; i < length; i++)
        {
            tokens[i] = random.NextDouble() < swap ? _vocabulary[random.Next(_vocabulary.Length)] : template[offset + i];
        }

        return tokens;
    }

    private static int PickHour(Random random, double total)
    {
        var x = random.NextDouble() * total;
        for (var h = 0; h < HourWeights.Length; h++)
        {
            x -= HourWeights[h];
            if (x <= 0)
            {
                return h;
            }
        }

        return 23;
    }

    /// <summary>Reads (一级分类, 留言详情) from the CSV: quoted fields may hold commas, quotes and newlines.</summary>
    private static IEnumerable<(string Topic, string Text)> ReadLabelled(string path)
    {
        var records = ParseCsv(File.ReadAllText(path, Encoding.UTF8)).ToList();
        var header = records[0];
        var textColumn = Array.IndexOf(header, "留言详情");
        var topicColumn = Array.IndexOf(header, "一级分类");
        foreach (var record in records.Skip(1))
        {
            if (record.Length > Math.Max(textColumn, topicColumn))
            {
                var text = string.Concat(record[textColumn].Where(c => !char.IsWhiteSpace(c)));
                yield return (record[topicColumn], text);
            }
        }
    }

    private static IEnumerable<string[]> ParseCsv(string content)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < content.Length && content[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                yield return [.. fields];
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return [.. fields];
        }
    }
}
