using Monitor.Nlp.Segmentation;

namespace Monitor.Nlp.Keywords;

/// <summary>
/// jieba's <c>textrank</c>: candidates linked when they occur within 5 tokens of each other (edge weight = number of
/// co-occurrences), 10 iterations of weighted PageRank (d = 0.85), weights scaled as jieba does. POS-free by default;
/// with <paramref name="allowedTags"/> only words whose dictionary tag is in the set are candidates (jieba's default
/// set is ns, n, vn, v).
/// </summary>
internal sealed class TextRankExtractor(
    ITextSegmenter segmenter, StopWords stopWords, ISegmenterLexicon? lexicon = null, IReadOnlySet<string>? allowedTags = null) : IKeywordExtractor
{
    private const int Span = 5;
    private const double Damping = 0.85;

    public IReadOnlyList<Keyword> Extract(string text, int top = 20)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = segmenter.Cut(text);
        var candidate = tokens.Select(IsCandidate).ToArray();
        var pairs = new Dictionary<(string, string), int>();
        var pairOrder = new List<(string, string)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!candidate[i])
            {
                continue;
            }

            for (var j = i + 1; j < i + Span && j < tokens.Count; j++)
            {
                if (!candidate[j])
                {
                    continue;
                }

                var key = (tokens[i], tokens[j]);
                if (pairs.TryGetValue(key, out var n))
                {
                    pairs[key] = n + 1;
                }
                else
                {
                    pairs[key] = 1;
                    pairOrder.Add(key);
                }
            }
        }

        var graph = new Dictionary<string, List<(string To, double Weight)>>(StringComparer.Ordinal);
        foreach (var (from, to) in pairOrder)
        {
            double weight = pairs[(from, to)];
            Edges(graph, from).Add((to, weight));
            Edges(graph, to).Add((from, weight));
        }

        return Rank(graph).OrderByDescending(k => k.Weight).Take(top).ToList();
    }

    private static List<(string To, double Weight)> Edges(Dictionary<string, List<(string To, double Weight)>> graph, string node)
    {
        if (!graph.TryGetValue(node, out var edges))
        {
            edges = [];
            graph[node] = edges;
        }

        return edges;
    }

    private static IEnumerable<Keyword> Rank(Dictionary<string, List<(string To, double Weight)>> graph)
    {
        if (graph.Count == 0)
        {
            return [];
        }

        var initial = 1.0 / graph.Count;
        var score = graph.Keys.ToDictionary(k => k, _ => initial, StringComparer.Ordinal);
        var outSum = graph.ToDictionary(p => p.Key, p => p.Value.Sum(e => e.Weight), StringComparer.Ordinal);
        var keys = graph.Keys.Order(StringComparer.Ordinal).ToArray();
        for (var iteration = 0; iteration < 10; iteration++)
        {
            foreach (var node in keys)
            {
                var s = 0.0;
                foreach (var (to, weight) in graph[node])
                {
                    s += weight / outSum[to] * score[to];
                }

                score[node] = (1 - Damping) + (Damping * s);
            }
        }

        var min = score.Values.Min();
        var max = score.Values.Max();
        return graph.Keys.Select(k => new Keyword(k, (score[k] - (min / 10.0)) / (max - (min / 10.0))));
    }

    private bool IsCandidate(string word)
    {
        if (!stopWords.IsCandidate(word))
        {
            return false;
        }

        return allowedTags is null || (lexicon?.TagOf(word) is { } tag && allowedTags.Contains(tag));
    }
}
