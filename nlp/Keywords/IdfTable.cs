using System.Collections.Frozen;
using System.Globalization;

namespace Monitor.Nlp.Keywords;

/// <summary>Inverse document frequencies (lines <c>word idf</c>, as jieba's <c>idf.txt</c>); unknown words get the median.</summary>
internal sealed class IdfTable
{
    private readonly FrozenDictionary<string, double> idf;

    public IdfTable(IReadOnlyDictionary<string, double> idf)
    {
        this.idf = idf.ToFrozenDictionary(StringComparer.Ordinal);
        var values = idf.Values.Order().ToArray();
        Median = values.Length == 0 ? 0 : values[values.Length / 2];
    }

    /// <summary>jieba's <c>median_idf</c>: <c>sorted(values)[len // 2]</c>.</summary>
    public double Median { get; }

    public int Count => idf.Count;

    public double this[string word] => idf.TryGetValue(word, out var value) ? value : Median;

    public static IdfTable Load(string path)
    {
        var table = new Dictionary<string, double>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            var span = line.AsSpan().Trim();
            if (span.IsEmpty)
            {
                continue;
            }

            var space = span.LastIndexOf(' ');
            if (space <= 0 || !double.TryParse(span[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new InvalidDataException($"{path}, line {lineNumber}: '{line}' is not 'word idf'.");
            }

            table[span[..space].ToString()] = value;
        }

        return new IdfTable(table);
    }
}
