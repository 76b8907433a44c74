using System.Text;

namespace Monitor.Nlp.Segmentation;

/// <summary>
/// Builds a <see cref="PrefixDictionary"/> the way jieba.NET loads <c>dict.txt</c> and user dictionaries: a later entry
/// of a word replaces its frequency (jieba.NET's <c>AddWord</c> subtracts the old frequency from the total first),
/// every prefix of a word becomes a node. Single-threaded; the result is immutable.
/// </summary>
internal sealed class PrefixDictionaryBuilder
{
    private readonly int[] rootChildren = new int[char.MaxValue + 1];
    private readonly List<int> frequencies = [0];
    private readonly List<string?> tags = [null];
    private long[] edgeKeys = new long[1 << 16];
    private int[] edgeChildren = new int[1 << 16];
    private int edgeCount;
    private double total;
    private int wordCount;

    /// <summary>Adds a word of the main dictionary (not part of the version hash).</summary>
    public void AddMainWord(ReadOnlySpan<char> word, int frequency, string? tag) => Add(word, frequency, tag, replaceTotal: false);

    /// <summary>Adds a user word as jieba.NET's <c>AddWord</c>: a word already present leaves the total first.</summary>
    public void AddUserWord(ReadOnlySpan<char> word, int frequency, string? tag) => Add(word, frequency, tag, replaceTotal: true);

    /// <summary>Reads jieba's <c>dict.txt</c>: lines <c>word freq [tag]</c>.</summary>
    public void AddMainDictionary(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var span = line.AsSpan().TrimEnd();
            if (span.IsEmpty)
            {
                continue;
            }

            var firstSpace = span.IndexOf(' ');
            if (firstSpace <= 0)
            {
                throw new InvalidDataException($"{path}, line {lineNumber}: '{line}' is not 'word frequency [tag]'.");
            }

            var rest = span[(firstSpace + 1)..];
            var secondSpace = rest.IndexOf(' ');
            var freqText = secondSpace < 0 ? rest : rest[..secondSpace];
            if (!int.TryParse(freqText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var frequency))
            {
                throw new InvalidDataException($"{path}, line {lineNumber}: frequency '{freqText}' is not a whole number.");
            }

            var tag = secondSpace < 0 ? null : Intern(rest[(secondSpace + 1)..]);
            AddMainWord(span[..firstSpace], frequency, tag);
        }
    }

    public PrefixDictionary Build(string version)
    {
        return new PrefixDictionary(
            (int[])rootChildren.Clone(), (long[])edgeKeys.Clone(), (int[])edgeChildren.Clone(), [.. frequencies], [.. tags], total, wordCount, version);
    }

    private void Add(ReadOnlySpan<char> word, int frequency, string? tag, bool replaceTotal)
    {
        if (word.IsEmpty)
        {
            return;
        }

        var node = rootChildren[word[0]];
        if (node == 0)
        {
            node = NewNode();
            rootChildren[word[0]] = node;
        }

        for (var i = 1; i < word.Length; i++)
        {
            node = ChildOrNew(node, word[i]);
        }

        if (frequencies[node] > 0)
        {
            if (replaceTotal)
            {
                total -= frequencies[node];
            }
        }
        else if (frequency > 0)
        {
            wordCount++;
        }

        frequencies[node] = frequency;
        total += frequency;
        if (tag is not null)
        {
            tags[node] = tag;
        }
    }

    private int NewNode()
    {
        frequencies.Add(0);
        tags.Add(null);
        return frequencies.Count - 1;
    }

    private int ChildOrNew(int node, char c)
    {
        if (edgeCount * 2 >= edgeKeys.Length)
        {
            Grow();
        }

        var key = ((long)node << 16) | c;
        var mask = edgeKeys.Length - 1;
        var shift = 64 - System.Numerics.BitOperations.Log2((uint)edgeKeys.Length);
        var slot = (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15)) >> shift);
        while (true)
        {
            var k = edgeKeys[slot];
            if (k == key)
            {
                return edgeChildren[slot];
            }

            if (k == 0)
            {
                var child = NewNode();
                edgeKeys[slot] = key;
                edgeChildren[slot] = child;
                edgeCount++;
                return child;
            }

            slot = (slot + 1) & mask;
        }
    }

    private void Grow()
    {
        var oldKeys = edgeKeys;
        var oldChildren = edgeChildren;
        edgeKeys = new long[oldKeys.Length * 2];
        edgeChildren = new int[oldKeys.Length * 2];
        var mask = edgeKeys.Length - 1;
        var shift = 64 - System.Numerics.BitOperations.Log2((uint)edgeKeys.Length);
        for (var i = 0; i < oldKeys.Length; i++)
        {
            var key = oldKeys[i];
            if (key == 0)
            {
                continue;
            }

            var slot = (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15)) >> shift);
            while (edgeKeys[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            edgeKeys[slot] = key;
            edgeChildren[slot] = oldChildren[i];
        }
    }

    private static readonly Dictionary<string, string> TagPool = new(StringComparer.Ordinal);
    private static readonly Lock TagPoolLock = new();

    private static string Intern(ReadOnlySpan<char> tag)
    {
        lock (TagPoolLock)
        {
            var lookup = TagPool.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(tag, out var pooled))
            {
                pooled = tag.ToString();
                TagPool[pooled] = pooled;
            }

            return pooled;
        }
    }
}
