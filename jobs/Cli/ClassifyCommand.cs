using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Nlp.Classification;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;

namespace Monitor.Jobs.Cli;

/// <summary>
/// <c>monitor classify sentiment|emotion|topic|service|urgency</c>: JSONL <c>{"id","text"}</c> in, JSONL
/// <c>{"id","label","score",...}</c> out (each task adds its own fields), one output line per input line in the same order. A line that cannot be read yields <c>{"line","error"}</c> in its place and
/// the command exits 1, so a caller can tell which inputs were not classified.
/// </summary>
public static class ClassifyCommand
{
    private const int BatchSize = 512;

    /// <summary>Scores a batch of segmented texts; returns one JSON object (without <c>id</c>) per input, in order.</summary>
    public delegate IReadOnlyList<JsonObject> BatchScorer(IReadOnlyList<TextInput> inputs);

    public static Task<int> RunAsync(
        ITextSegmenter segmenter, ISentimentClassifier classifier, TextReader input, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        return RunAsync(segmenter, Sentiment(classifier), input, output, errors, cancellationToken);
    }

    /// <summary><c>{"label","score"}</c> of the sentiment model.</summary>
    public static BatchScorer Sentiment(ISentimentClassifier classifier) => inputs =>
        classifier.ClassifyBatch(inputs.Select(i => new SentimentInput(i.Text, i.Tokens)).ToList())
            .Select(p => new JsonObject { ["label"] = p.Label, ["score"] = Math.Round(p.Score, 6) })
            .ToList();

    /// <summary><c>{"label","score","probabilities"}</c> of a multiclass model (emotion, topic).</summary>
    public static BatchScorer Multiclass(ITextClassifier classifier) => inputs =>
        classifier.ClassifyBatch(inputs).Select(p => ToJson(classifier.Labels, p)).ToList();

    internal static JsonObject ToJson(IReadOnlyList<string> labels, ClassPrediction p)
    {
        var probabilities = new JsonObject();
        for (var i = 0; i < labels.Count; i++)
        {
            probabilities[labels[i]] = Math.Round(p.Probabilities[i], 4);
        }

        return new JsonObject { ["label"] = p.Label, ["score"] = Math.Round(p.Score, 6), ["probabilities"] = probabilities };
    }

    public static async Task<int> RunAsync(
        ITextSegmenter segmenter, BatchScorer scorer, TextReader input, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var batch = new List<InputLine>(BatchSize);
        long lineNumber = 0;
        var failed = 0;
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            batch.Add(Parse(line, lineNumber));
            if (batch.Count == BatchSize)
            {
                failed += await FlushAsync(segmenter, scorer, batch, output, errors);
            }
        }

        failed += await FlushAsync(segmenter, scorer, batch, output, errors);
        await output.FlushAsync(cancellationToken);
        return failed == 0 ? 0 : 1;
    }

    private static InputLine Parse(string line, long lineNumber)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new InputLine(lineNumber, null, null, $"line {lineNumber}: expected a JSON object, got {root.ValueKind}");
            }

            var id = root.TryGetProperty("id", out var idElement) ? idElement.Clone() : (JsonElement?)null;
            if (!root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                return new InputLine(lineNumber, id, null, $"line {lineNumber}: field `text` is missing or not a string");
            }

            return new InputLine(lineNumber, id, text.GetString()!, null);
        }
        catch (JsonException ex)
        {
            return new InputLine(lineNumber, null, null, $"line {lineNumber}: not valid JSON ({ex.Message})");
        }
    }

    private static async Task<int> FlushAsync(
        ITextSegmenter segmenter, BatchScorer scorer, List<InputLine> batch, TextWriter output, TextWriter errors)
    {
        var good = batch.Where(b => b.Error is null).ToList();
        var predictions = good.Count == 0 ? [] : scorer(good.ConvertAll(b => new TextInput(b.Text!, segmenter.Cut(b.Text!))));
        var next = 0;
        var failed = 0;
        foreach (var item in batch)
        {
            if (item.Error is not null)
            {
                failed++;
                await errors.WriteLineAsync(item.Error);
                await output.WriteLineAsync(JsonSerializer.Serialize(new { line = item.Line, error = item.Error }, CliJson.Options));
                continue;
            }

            var result = new JsonObject { ["id"] = item.Id is { } id ? JsonNode.Parse(id.GetRawText()) : null };
            foreach (var (key, value) in predictions[next++])
            {
                result[key] = value?.DeepClone();
            }

            await output.WriteLineAsync(result.ToJsonString(CliJson.Options));
        }

        batch.Clear();
        return failed;
    }

    private sealed record InputLine(long Line, JsonElement? Id, string? Text, string? Error);
}
