using System.Globalization;
using CsvHelper;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Monitor.Nlp.Classification;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;
using Monitor.Nlp.Topics;

namespace Monitor.Bench;

/// <summary>
/// Accuracy study for the government topic model (issue 5 item 3): repeated 10-fold cross-validation over the
/// non-validation rows of <c>messages_labeled.csv</c> (folds = FNV hash of text + repeat number, mod 10), each variant
/// paired against the product's setting on the same folds. The validation tenth (hash mod 10 == 0) is never read.
/// <c>dotnet bin/Release/net10.0/Monitor.Bench.dll gov-topic-study [DATA_ROOT] [REPEATS] [variant,variant,...]</c>
/// </summary>
public static class GovTopicStudy
{
    private const string Dir = "gov_messages_teddy2020";
    private static readonly string[] TextColumns = ["留言主题", "留言详情"];
    private static readonly HashedFeatureSettings Features = new() { CharNgrams = 2, WordNgrams = 1, CharBits = 20, WordBits = 20, MinDocumentFrequency = 2 };

    public static int Run(string[] args)
    {
        var root = args.Length > 0 ? args[0] : "../shared/data";
        var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var only = args.Length > 2 ? args[2].Split(',') : null;
        var ct = CancellationToken.None;
        var all = LabeledCsvReader.ReadAsync(Path.Combine(root, Dir, "messages_labeled.csv"), TextColumns, "一级分类", ct).GetAwaiter().GetResult();
        var rows = all.Where(r => DatasetSplit.StableHash(r.Text) % 10 != 0).ToList();
        var labels = rows.Select(r => r.Label).Distinct().Order(StringComparer.Ordinal).ToList();
        var unlabeled = new List<string>();
        foreach (var f in new[] { "hot_issue_messages.csv", "replied_messages.csv" })
        {
            unlabeled.AddRange(LabeledCsvReader.ReadTextsAsync(Path.Combine(root, Dir, f), TextColumns, ct).GetAwaiter().GetResult());
        }

        var taxonomyFile = Path.Combine(root, Dir, "label_taxonomy.csv");
        var taxonomy = ReadTaxonomy(taxonomyFile);
        var allClasses = taxonomy.Keys.ToHashSet(StringComparer.Ordinal);
        var seeds = TaxonomySeeds.ReadAsync(taxonomyFile, labels.ToHashSet(StringComparer.Ordinal), 3f, ct).GetAwaiter().GetResult();
        var seeds15 = TaxonomySeeds.ReadAsync(taxonomyFile, allClasses, 3f, ct).GetAwaiter().GetResult();
        var segmenter = TextSegmenterFactory.CreateFast([TextSegmenterFactory.CountyDictionaryPath]);
        var tokens = new TokenCache(segmenter);
        tokens.Add(rows.Select(r => r.Text).Concat(unlabeled).Concat(seeds15.Select(s => s.Text)), ct);
        var unlabeledInputs = unlabeled.ConvertAll(u => (u, tokens.Get(u)));
        var idfCounts = HashedFeatureSpace.CountDocuments(Features, unlabeledInputs, ct);
        Console.WriteLine($"{rows.Count} non-validation rows, {labels.Count} labels, {unlabeled.Count} unlabelled, {seeds.Count} seeds (15-class {seeds15.Count})");

        var rule = new KeywordRule(taxonomy, segmenter);
        var ruled = unlabeled.Select(u => (Text: u, Class: rule.Classify(tokens.Get(u), 2))).Where(x => x.Class is not null).ToList();
        Console.WriteLine($"keyword rule (margin 2) places {ruled.Count} unlabelled: " + string.Join(", ", ruled.GroupBy(x => x.Class).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
        var ruleOnRows = rows.Select(r => (r.Label, Class: rule.Classify(tokens.Get(r.Text), 1))).ToList();
        Console.WriteLine($"keyword rule (margin 1) on the labelled rows: {ruleOnRows.Count(x => x.Class is not null)} placed, {ruleOnRows.Count(x => x.Class == x.Label)} right");
        var ruled1 = unlabeled.Select(u => (Text: u, Class: rule.Classify(tokens.Get(u), 1))).Where(x => x.Class is not null).ToList();

        var ctx = new Context(labels, tokens, idfCounts, seeds, seeds15, unlabeledInputs, ruled, ruled1);
        var expansions = new Dictionary<int, IReadOnlyList<LabeledText>>();
        IReadOnlyList<LabeledText> Expanded(int k, float weight)
        {
            if (!expansions.TryGetValue(k, out var docs))
            {
                docs = Expand(ruled1, labels, tokens, k);
                expansions[k] = docs;
            }

            return [.. docs.Select(d => d with { Weight = weight })];
        }

        var variants = new List<(string Name, Func<List<LabeledText>, double[][]> Predict)>
        {
            ("base", train => ctx.Fit(train, seeds, 0.01f).Score(ctx.Held)),
        };
        variants.Add(("l2-0.03", train => ctx.Fit(train, seeds, 0.03f).Score(ctx.Held)));
        foreach (var (k, w) in new[] { (30, 1f), (30, 3f), (60, 1f), (60, 3f), (120, 1f) })
        {
            variants.Add(($"kwexp{k}x{w}", train => ctx.Fit(train, [.. seeds, .. Expanded(k, w)], 0.01f).Score(ctx.Held)));
        }

        foreach (var (t, w) in new[] { (0.5, 0.3f), (0.7, 0.3f), (0.7, 1f), (0.9, 0.3f) })
        {
            variants.Add(($"self-rule{t}x{w}", train => ctx.SelfTrain(train, t, w, ruleMargin: 2)));
        }

        variants.Add(("self15-0.7x0.3", train => ctx.SelfTrain15(train, 0.7, 0.3f)));
        variants.Add(("rule-only-x0.1", train => ctx.Fit(train, [.. seeds, .. ruled.Where(x => labels.Contains(x.Class!)).Select(x => new LabeledText(x.Text, x.Class!, "rule", 0.1f))], 0.01f).Score(ctx.Held)));
        foreach (var lambda in new[] { 1.0, 3.0 })
        {
            variants.Add(($"centroid{lambda}", train => ctx.WithCentroid(ctx.Fit(train, seeds, 0.01f), train, lambda)));
        }

        foreach (var lambda in new[] { 0.3, 0.5, 0.7, 1.0 })
        {
            variants.Add(($"title-ens{lambda}", train => ctx.WithTitle(ctx.Fit(train, seeds, 0.01f), train, lambda, seeds)));
        }

        foreach (var w in new[] { 0.5f, 1f, 2f })
        {
            variants.Add(($"titlerows{w}", train => ctx.Fit(train, [.. seeds, .. train.Select(r => r with { Text = Title(r.Text), Weight = w })], 0.01f).Score(ctx.Held)));
        }

        variants.Add(("same-model-title0.5", train =>
        {
            var m = ctx.Fit(train, seeds, 0.01f);
            var a = m.Score(ctx.Held);
            var b = m.Score(ctx.Held.ConvertAll(h => h with { Text = Title(h.Text) }));
            return [.. a.Select((row, i) => row.Select((x, c) => x + 0.5 * b[i][c]).ToArray())];
        }));
        variants.Add(("title-ens0.5-noseeds", train => ctx.WithTitle(ctx.Fit(train, seeds, 0.01f), train, 0.5, [])));

        // WeChat messages have no title line: score the held rows as one line (title and body joined by a space, so
        // both parts of the two-part model see the whole text) or as the body alone, with and without the title model.
        List<LabeledText> Reshape(List<LabeledText> held, Func<string, string> shape)
        {
            var shaped = held.ConvertAll(h => h with { Text = shape(h.Text) });
            tokens.Add(shaped.Select(h => h.Text), CancellationToken.None);
            return shaped;
        }

        static string OneLine(string t) => t.Replace('\n', ' ');
        static string Body(string t) => t.IndexOf('\n', StringComparison.Ordinal) is > 0 and var i ? t[(i + 1)..].Replace('\n', ' ') : t;
        foreach (var (shapeName, shape) in new (string, Func<string, string>)[] { ("oneline", OneLine), ("body", Body) })
        {
            variants.Add(($"base-{shapeName}", train =>
            {
                var model = ctx.Fit(train, seeds, 0.01f);
                ctx.Held = Reshape(ctx.Held, shape);
                return model.Score(ctx.Held);
            }));
            variants.Add(($"title-ens0.5-{shapeName}", train =>
            {
                var model = ctx.Fit(train, seeds, 0.01f);
                ctx.Held = Reshape(ctx.Held, shape);
                return ctx.WithTitle(model, train, 0.5, seeds);
            }));
        }

        var chosen = variants.Where(v => v.Name == "base" || only is null || only.Contains(v.Name)).ToList();
        var baseF1 = new double[repeats];
        foreach (var (name, predict) in chosen)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var pooled = new double[repeats];
            var foldF1 = new List<double>();
            for (var r = 0; r < repeats; r++)
            {
                var actual = new List<string>();
                var predicted = new List<ClassPrediction>();
                for (var fold = 0; fold < 10; fold++)
                {
                    var held = rows.Where(x => FoldOf(x.Text, r) == fold).ToList();
                    if (held.Count == 0)
                    {
                        continue;
                    }

                    var train = rows.Where(x => FoldOf(x.Text, r) != fold).ToList();
                    ctx.Held = held;
                    var logs = predict(train);
                    var preds = logs.Select(l => new ClassPrediction(labels[Array.IndexOf(l, l.Max())], 1, [])).ToList();
                    actual.AddRange(held.Select(h => h.Label));
                    predicted.AddRange(preds);
                    foldF1.Add(MulticlassReportBuilder.Build(held.ConvertAll(h => h.Label), preds, labels).MacroF1);
                }

                pooled[r] = MulticlassReportBuilder.Build(actual, predicted, labels).MacroF1;
            }

            if (name == "base")
            {
                Array.Copy(pooled, baseF1, repeats);
            }

            var delta = pooled.Select((p, i) => p - baseF1[i]).ToArray();
            var mean = foldF1.Average();
            var sd = Math.Sqrt(foldF1.Sum(f => (f - mean) * (f - mean)) / (foldF1.Count - 1));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-18} macro-F1 {pooled.Average():F4} (repeats {pooled.Min():F4}–{pooled.Max():F4}; folds sd {sd:F3})  Δ vs base {delta.Average():+0.0000;-0.0000} ({delta.Min():+0.0000;-0.0000} … {delta.Max():+0.0000;-0.0000})  [{clock.Elapsed.TotalSeconds:F0} s]"));
        }

        return 0;
    }

    /// <summary>The first line of a text: the title (留言主题) of a labelled message.</summary>
    private static string Title(string t) => t.IndexOf('\n', StringComparison.Ordinal) is > 0 and var i ? t[..i] : t;

    private static int FoldOf(string text, int repeat) =>
        (int)(DatasetSplit.StableHash(repeat == 0 ? text : text + "#" + repeat.ToString(CultureInfo.InvariantCulture)) % 10);

    /// <summary>Class → its taxonomy terms (二级 and 三级 values other than 其他).</summary>
    private static Dictionary<string, List<string>> ReadTaxonomy(string file)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        using var csv = CsvReader.Create(File.OpenRead(file), new CsvReaderOptions { HasHeader = true, TrimWhitespace = true }, leaveOpen: false);
        csv.ReadHeaderAsync(CancellationToken.None).GetAwaiter().GetResult();
        while (csv.ReadAsync(CancellationToken.None).GetAwaiter().GetResult())
        {
            var label = csv.GetString(0).Trim();
            if (!result.TryGetValue(label, out var terms))
            {
                result[label] = terms = [];
            }

            for (var i = 1; i < csv.Headers.Count; i++)
            {
                var term = csv.GetString(i).Trim();
                if (term.Length > 0 && term != "其他" && !terms.Contains(term))
                {
                    terms.Add(term);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Words associated with each labelled class among the unlabelled messages the keyword rule places: per class the
    /// top <paramref name="k"/> words (two characters or more, in ≥ 5 of the class's messages) by PMI with the class,
    /// written as keyword documents of 10 words.
    /// </summary>
    private static List<LabeledText> Expand(List<(string Text, string? Class)> ruled, IReadOnlyList<string> labels, TokenCache tokens, int k)
    {
        var docFreq = new Dictionary<string, int>(StringComparer.Ordinal);
        var classFreq = labels.ToDictionary(l => l, _ => new Dictionary<string, int>(StringComparer.Ordinal), StringComparer.Ordinal);
        var classDocs = labels.ToDictionary(l => l, _ => 0, StringComparer.Ordinal);
        foreach (var (text, cls) in ruled)
        {
            var words = tokens.Get(text).Where(w => w.Length >= 2 && w.All(char.IsLetter)).ToHashSet(StringComparer.Ordinal);
            foreach (var w in words)
            {
                docFreq[w] = docFreq.GetValueOrDefault(w) + 1;
            }

            if (cls is not null && classFreq.TryGetValue(cls, out var cf))
            {
                classDocs[cls]++;
                foreach (var w in words)
                {
                    cf[w] = cf.GetValueOrDefault(w) + 1;
                }
            }
        }

        var n = (double)ruled.Count;
        var docs = new List<LabeledText>();
        foreach (var label in labels)
        {
            var nc = Math.Max(1, classDocs[label]);
            var top = classFreq[label].Where(x => x.Value >= 5)
                .Select(x => (Word: x.Key, Pmi: Math.Log((x.Value / (double)nc) / (docFreq[x.Key] / n))))
                .Where(x => x.Pmi > 0.5)
                .OrderByDescending(x => x.Pmi).Take(k).Select(x => x.Word).ToList();
            Console.WriteLine($"  expansion {label} ({classDocs[label]} messages): {string.Join(' ', top.Take(15))} …");
            for (var i = 0; i < top.Count; i += 10)
            {
                docs.Add(new LabeledText(string.Join(' ', top.Skip(i).Take(10)), label, "expansion"));
            }
        }

        return docs;
    }

    /// <summary>A message's class by taxonomy words: the class with the most distinct keyword words in it, by a margin.</summary>
    private sealed class KeywordRule
    {
        private readonly Dictionary<string, string> wordClass = new(StringComparer.Ordinal);

        public KeywordRule(Dictionary<string, List<string>> taxonomy, ITextSegmenter segmenter)
        {
            var owners = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var (label, terms) in taxonomy)
            {
                foreach (var term in terms)
                {
                    foreach (var w in segmenter.Cut(term).Append(term).Where(w => w.Length >= 2))
                    {
                        if (!owners.TryGetValue(w, out var set))
                        {
                            owners[w] = set = new HashSet<string>(StringComparer.Ordinal);
                        }

                        set.Add(label);
                    }
                }
            }

            // Generic words of many terms (管理, 问题 …) say nothing about the class.
            foreach (var (w, set) in owners)
            {
                if (set.Count == 1 && w is not ("管理" or "问题" or "其他" or "服务" or "建设"))
                {
                    wordClass[w] = set.First();
                }
            }
        }

        public string? Classify(IReadOnlyList<string> tokens, int margin)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var w in tokens.Distinct(StringComparer.Ordinal))
            {
                if (wordClass.TryGetValue(w, out var c))
                {
                    counts[c] = counts.GetValueOrDefault(c) + 1;
                }
            }

            if (counts.Count == 0)
            {
                return null;
            }

            var ordered = counts.OrderByDescending(x => x.Value).ToList();
            var second = ordered.Count > 1 ? ordered[1].Value : 0;
            return ordered[0].Value - second >= margin ? ordered[0].Key : null;
        }
    }

    private sealed class Context(
        IReadOnlyList<string> labels,
        TokenCache tokens,
        DocumentCounts idfCounts,
        IReadOnlyList<LabeledText> seeds,
        IReadOnlyList<LabeledText> seeds15,
        List<(string Text, IReadOnlyList<string> Tokens)> unlabeled,
        List<(string Text, string? Class)> ruled,
        List<(string Text, string? Class)> ruled1)
    {
        public List<LabeledText> Held { get; set; } = [];

        public Model Fit(IReadOnlyList<LabeledText> train, IReadOnlyList<LabeledText> extra, float l2, IReadOnlyList<LabeledText>? pseudo = null)
        {
            var ml = new MLContext(seed: 1);
            var all = train.Concat(extra).Concat(pseudo ?? []).ToList();
            var space = HashedFeatureSpace.Fit(Features, all.ConvertAll(r => (r.Text, tokens.Get(r.Text))), null, CancellationToken.None, idfCounts);
            var counts = train.GroupBy(r => r.Label).ToDictionary(g => g.Key, g => g.Count());
            var largest = counts.Values.Max();
            var featureRows = all.ConvertAll(r => new FeatureRow
            {
                Label = r.Label,
                Features = space.Featurize(r.Text, tokens.Get(r.Text)),
                Weight = r.Weight * (float)((double)largest / counts.GetValueOrDefault(r.Label, largest)),
            });
            var data = ml.Data.ShuffleRows(FeatureRow.Load(ml, featureRows, space.Dimension), seed: 1);
            var model = ml.Transforms.Conversion.MapValueToKey("LabelKey", nameof(FeatureRow.Label))
                .AppendCacheCheckpoint(ml)
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
                {
                    LabelColumnName = "LabelKey", FeatureColumnName = nameof(FeatureRow.Features), ExampleWeightColumnName = nameof(FeatureRow.Weight),
                    L1Regularization = 0f, L2Regularization = l2, NumberOfThreads = 2, OptimizationTolerance = 1e-5f, MaximumNumberOfIterations = 100,
                }))
                .Fit(data);
            var schema = FeatureRow.Load(ml, [], space.Dimension).Schema;
            return new Model(new HashedTextClassifier(ml, model, schema, space, "study"), space, labels, tokens);
        }

        public double[][] SelfTrain(List<LabeledText> train, double threshold, float weight, int ruleMargin)
        {
            var first = Fit(train, seeds, 0.01f);
            var pool = ruleMargin == 2 ? ruled : ruled1;
            var candidates = pool.Where(x => labels.Contains(x.Class!)).ToList();
            var scored = first.Log(candidates.ConvertAll(c => c.Text));
            var pseudo = new List<LabeledText>();
            for (var i = 0; i < candidates.Count; i++)
            {
                var c = Array.IndexOf(scored[i], scored[i].Max());
                if (labels[c] == candidates[i].Class && Math.Exp(scored[i][c]) >= threshold)
                {
                    pseudo.Add(new LabeledText(candidates[i].Text, labels[c], "pseudo", weight));
                }
            }

            return Fit(train, seeds, 0.01f, pseudo).Score(Held);
        }

        public double[][] SelfTrain15(List<LabeledText> train, double threshold, float weight)
        {
            var wide = Fit(train, seeds15, 0.01f);
            var texts = unlabeled.ConvertAll(u => u.Text);
            var probs = wide.Classifier.ClassifyBatch(unlabeled.ConvertAll(u => new TextInput(u.Text, u.Tokens)));
            var pseudo = texts.Zip(probs).Where(x => labels.Contains(x.Second.Label) && x.Second.Score >= threshold)
                .Select(x => new LabeledText(x.First, x.Second.Label, "pseudo", weight)).ToList();
            return Fit(train, seeds, 0.01f, pseudo).Score(Held);
        }

        public double[][] WithCentroid(Model model, List<LabeledText> train, double lambda)
        {
            var centroids = labels.Select(l => Normalize(Sum(train.Concat(seeds).Where(r => r.Label == l).Select(r => model.Space.Featurize(r.Text, tokens.Get(r.Text)))))).ToList();
            var logs = model.Score(Held);
            for (var i = 0; i < Held.Count; i++)
            {
                var v = model.Space.Featurize(Held[i].Text, tokens.Get(Held[i].Text));
                for (var c = 0; c < labels.Count; c++)
                {
                    logs[i][c] += lambda * 10 * Dot(v, centroids[c]);
                }
            }

            return logs;
        }

        public double[][] WithTitle(Model model, List<LabeledText> train, double lambda, IReadOnlyList<LabeledText> titleSeeds)
        {
            var titles = train.ConvertAll(r => r with { Text = Title(r.Text) });
            tokens.Add(titles.Select(t => t.Text).Concat(Held.Select(h => Title(h.Text))), CancellationToken.None);
            var titleModel = Fit(titles, titleSeeds, 0.01f);
            var a = model.Score(Held);
            var b = titleModel.Score(Held.ConvertAll(h => h with { Text = Title(h.Text) }));
            return [.. a.Select((row, i) => row.Select((x, c) => x + lambda * b[i][c]).ToArray())];
        }

        private static Dictionary<int, double> Sum(IEnumerable<VBuffer<float>> vectors)
        {
            var sum = new Dictionary<int, double>();
            foreach (var v in vectors)
            {
                var idx = v.GetIndices();
                var val = v.GetValues();
                for (var j = 0; j < idx.Length; j++)
                {
                    sum[idx[j]] = sum.GetValueOrDefault(idx[j]) + val[j];
                }
            }

            return sum;
        }

        private static Dictionary<int, double> Normalize(Dictionary<int, double> v)
        {
            var norm = Math.Sqrt(v.Values.Sum(x => x * x));
            return v.ToDictionary(x => x.Key, x => x.Value / norm);
        }

        private static double Dot(VBuffer<float> v, Dictionary<int, double> c)
        {
            var idx = v.GetIndices();
            var val = v.GetValues();
            double dot = 0, norm = 0;
            for (var j = 0; j < idx.Length; j++)
            {
                dot += val[j] * c.GetValueOrDefault(idx[j]);
                norm += (double)val[j] * val[j];
            }

            return norm > 0 ? dot / Math.Sqrt(norm) : 0;
        }
    }

    /// <summary>A fitted classifier whose log-probabilities are returned in the study's label order.</summary>
    private sealed record Model(HashedTextClassifier Classifier, HashedFeatureSpace Space, IReadOnlyList<string> Labels, TokenCache Tokens)
    {
        public double[][] Score(IReadOnlyList<LabeledText> rows) => Log(rows.Select(r => r.Text).ToList());

        public double[][] Log(IReadOnlyList<string> texts)
        {
            var map = Labels.Select(l => Array.IndexOf(Classifier.Labels.ToArray(), l)).ToArray();
            var scored = Classifier.ClassifyBatch(texts.Select(t => new TextInput(t, Tokens.Get(t))).ToList());
            return [.. scored.Select(p => map.Select(j => j < 0 ? -30 : Math.Log(Math.Max(p.Probabilities[j], 1e-12))).ToArray())];
        }
    }
}
