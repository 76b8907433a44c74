using System.Text.Json;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;

namespace Monitor.Jobs.Cli;

/// <summary>
/// <c>monitor classify sentiment</c>: JSONL <c>{"id","text"}</c> in, JSONL <c>{"id","label","score"}</c> out, one output
/// line per input line in the same order. A line that cannot be read yields <c>{"line","error"}</c> in its place and
/// the command exits 1, so a caller can tell which inputs were not classified.
/// </summary>
public static class ClassifyCommand
{
    private const int BatchSize = 512;

    public static async Task<int> RunAsync(
        ITextSegmenter segmenter, ISentimentClassifier classifier, TextReader input, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        ArgumentNullException.ThrowIfNull(classifier);
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
                failed += await FlushAsync(segmenter, classifier, batch, output, errors);
            }
        }

        failed += await FlushAsync(segmenter, classifier, batch, output, errors);
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
        ITextSegmenter segmenter, ISentimentClassifier classifier, List<InputLine> batch, TextWriter output, TextWriter errors)
    {
        var good = batch.Where(b => b.Error is null).ToList();
        var predictions = classifier.ClassifyBatch(good.ConvertAll(b => new SentimentInput(b.Text!, segmenter.Cut(b.Text!))));
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

            var prediction = predictions[next++];
            await output.WriteLineAsync(JsonSerializer.Serialize(
                new { id = item.Id, label = prediction.Label, score = Math.Round(prediction.Score, 6) }, CliJson.Options));
        }

        batch.Clear();
        return failed;
    }

    private sealed record InputLine(long Line, JsonElement? Id, string? Text, string? Error);
}
