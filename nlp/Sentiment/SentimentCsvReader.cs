using CsvHelper;

namespace Monitor.Nlp.Sentiment;

/// <summary>Reads the <c>label,review</c> columns of a sentiment CSV (RFC 4180; fields may hold newlines and quotes).</summary>
internal static class SentimentCsvReader
{
    private const char ByteOrderMark = '\uFEFF';

    public static async Task<IReadOnlyList<LabeledReview>> ReadAsync(string csvFile, CancellationToken cancellationToken)
    {
        var options = new CsvReaderOptions { HasHeader = true, TrimWhitespace = false };
        await using var csv = CsvReader.Create(File.OpenRead(csvFile), options, leaveOpen: false);
        var rows = new List<LabeledReview>();
        var problems = new List<string>();
        while (await csv.ReadAsync(cancellationToken))
        {
            var row = (int)csv.RowNumber;
            var label = csv.GetString("label").Trim();
            var review = csv.GetString("review").TrimStart(ByteOrderMark);
            switch (label)
            {
                case "1":
                    rows.Add(new LabeledReview(review, true, row));
                    break;
                case "0":
                    rows.Add(new LabeledReview(review, false, row));
                    break;
                default:
                    problems.Add($"{csvFile} record {row}, column `label`: '{label}' is not 0 or 1");
                    break;
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException(string.Join(Environment.NewLine, problems));
        }

        return rows;
    }
}
