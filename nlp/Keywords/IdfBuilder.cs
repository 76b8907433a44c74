using System.Globalization;
using System.Text;

namespace Monitor.Nlp.Keywords;

/// <summary>
/// Computes an IDF table from our own texts: idf(w) = ln(N / df(w)) over N texts, for words in at least
/// <c>minDocuments</c> texts, in jieba's <c>idf.txt</c> format so <see cref="KeywordExtractors"/> can load it.
/// </summary>
public static class IdfBuilder
{
    /// <summary>Writes <c>word idf</c> lines, most frequent words first; returns the number of words written.</summary>
    public static int Write(TermCounts documents, TextWriter output, int minDocuments = 2)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(output);
        var n = (double)documents.Documents;
        var written = 0;
        foreach (var (word, df) in documents.DocumentCounts.Where(p => p.Value >= minDocuments && !p.Key.Contains(' ', StringComparison.Ordinal))
                     .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            output.Write(word);
            output.Write(' ');
            output.Write(Math.Log(n / df).ToString("0.000000", CultureInfo.InvariantCulture));
            output.Write('\n');
            written++;
        }

        return written;
    }

    /// <summary>The same, to a file (UTF-8, no BOM).</summary>
    public static int WriteFile(TermCounts documents, string path, int minDocuments = 2)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        return Write(documents, writer, minDocuments);
    }
}
