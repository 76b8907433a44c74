using System.Text;

namespace Monitor.Nlp.Segmentation;

/// <summary>
/// Builds a <see cref="PrefixDictionary"/> the way jieba.NET loads <c>dict.txt</c> and user dictionaries: a later entry
/// of a word replaces its frequency (jieba.NET's <c>AddWord</c> subtracts the old frequency from the total first),
/// every prefix of a word becomes a node. Single-threaded; the result is immutable.
/// </summary>
internal sealed class PrefixDictionaryBuilder
{
    private readonly int[] rootChildren;
    private readonly List<int> frequencies;
    private readonly List<string?> tags;
    private readonly Dictionary<string, string> tagPool = new(StringComparer.Ordinal);
    private long[] edgeKeys;
    private int[] edgeChildren;
    private int edgeCount;
    private double total;
    private int wordCount;

    public PrefixDictionaryBuilder()
    {
        // jieba's dict.txt makes about 500,000 nodes and edges: 2^20 slots, so loading it never rehashes.
        rootChildren = new int[char.MaxValue + 1];
        frequencies = new(1 << 19) { 0 };
        tags = new(1 << 19) { null };
        edgeKeys = new long[1 << 20];
        edgeChildren = new int[1 << 20];
    }

    /// <summary>A builder continuing from the state saved by <see cref="PrefixDictionaryCache"/>.</summary>
    internal PrefixDictionaryBuilder(
        int[] rootChildren, long[] edgeKeys, int[] edgeChildren, int edgeCount, int[] frequencies, string?[] tags, double total, int wordCount)
    {
        this.rootChildren = rootChildren;
        this.edgeKeys = edgeKeys;
        this.edgeChildren = edgeChildren;
        this.edgeCount = edgeCount;
        this.frequencies = [.. frequencies];
        this.tags = [.. tags];
        this.total = total;
        this.wordCount = wordCount;
    }

    internal int[] RootChildren => rootChildren;

    internal long[] EdgeKeys => edgeKeys;

    internal int[] EdgeChildren => edgeChildren;

    internal int EdgeCount => edgeCount;

    internal List<int> Frequencies => frequencies;

    internal List<string?> Tags => tags;

    internal double Total => total;

    internal int WordCount => wordCount;

    /// <summary>Adds a word of the main dictionary (not part of the version hash).</summary>
    public void AddMainWord(ReadOnlySpan<char> word, int frequency, string? tag) => Add(word, frequency, tag, replaceTotal: false);

    /// <summary>Adds a user word as jieba.NET's <c>AddWord</c>: a word already present leaves the total first.</summary>
    public void AddUserWord(ReadOnlySpan<char> word, int frequency, string? tag) => Add(word, frequency, tag, replaceTotal: true);

    /// <summary>Reads jieba's <c>dict.txt</c>: lines <c>word freq [tag]</c> (LF or CRLF), decoded at once and cut as spans.</summary>
    public void AddMainDictionary(string path)
    {
        var text = Encoding.UTF8.GetString(File.ReadAllBytes(path)).AsSpan();
        if (!text.IsEmpty && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var lineNumber = 0;
        while (!text.IsEmpty)
        {
            lineNumber++;
            var end = text.IndexOf('\n');
            var line = (end < 0 ? text : text[..end]).TrimEnd();
            text = end < 0 ? default : text[(end + 1)..];
            if (line.IsEmpty)
            {
                continue;
            }

            var firstSpace = line.IndexOf(' ');
            if (firstSpace <= 0)
            {
                throw new InvalidDataException($"{path}, line {lineNumber}: '{line}' is not 'word frequency [tag]'.");
            }

            var rest = line[(firstSpace + 1)..];
            var secondSpace = rest.IndexOf(' ');
            var freqText = secondSpace < 0 ? rest : rest[..secondSpace];
            if (!int.TryParse(freqText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var frequency))
            {
                throw new InvalidDataException($"{path}, line {lineNumber}: frequency '{freqText}' is not a whole number.");
            }

            var tag = secondSpace < 0 ? null : Intern(rest[(secondSpace + 1)..]);
            AddMainWord(line[..firstSpace], frequency, tag);
        }
    }

    /// <summary>The dictionary so far; with <paramref name="snapshot"/> the builder's arrays are copied so it can go on.</summary>
    public PrefixDictionary Build(string version, bool snapshot = false) =>
        new(
            snapshot ? (int[])rootChildren.Clone() : rootChildren,
            snapshot ? (long[])edgeKeys.Clone() : edgeKeys,
            snapshot ? (int[])edgeChildren.Clone() : edgeChildren,
            [.. frequencies],
            [.. tags],
            total,
            wordCount,
            version);

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

    private string Intern(ReadOnlySpan<char> tag)
    {
        var lookup = tagPool.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(tag, out var pooled))
        {
            pooled = tag.ToString();
            tagPool[pooled] = pooled;
        }

        return pooled;
    }
}
