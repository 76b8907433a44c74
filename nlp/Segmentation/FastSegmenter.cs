namespace Monitor.Nlp.Segmentation;

/// <summary>
/// Our jieba: the same dictionary and HMM files and the same algorithms as jieba.NET 0.42.2 and Python jieba 0.42.1,
/// token for token identical to either (<see cref="JiebaCompatibility"/>; with <see cref="JiebaCompatibility.JiebaNet"/>
/// to <see cref="JiebaTextSegmenter"/>), over index ranges of the input with per-thread buffers. The dictionary is
/// immutable; <see cref="ISegmenterLexicon"/> changes build a new one aside and swap the reference.
/// </summary>
internal sealed class FastSegmenter : ITextSegmenter, ISegmenterLexicon
{
    [ThreadStatic]
    private static TokenCutter? threadCutter;

    private readonly string resourcesDirectory;
    private readonly HmmModel hmm;
    private readonly JiebaCompatibility compatibility;
    private readonly Lock writeLock = new();
    private volatile DictionarySnapshot snapshot;

    public FastSegmenter(
        string resourcesDirectory, IReadOnlyList<string>? userDictionaryPaths = null, JiebaCompatibility compatibility = JiebaCompatibility.Python)
    {
        ArgumentNullException.ThrowIfNull(resourcesDirectory);
        this.resourcesDirectory = resourcesDirectory;
        this.compatibility = compatibility;
        hmm = HmmModel.Load(resourcesDirectory);
        snapshot = Build([.. userDictionaryPaths ?? []], []);
    }

    public string DictionaryVersion => snapshot.Dictionary.Version;

    public string Version => DictionaryVersion;

    public IReadOnlyList<string> UserDictionaryPaths => snapshot.UserDictionaryPaths;

    internal PrefixDictionary Dictionary => snapshot.Dictionary;

    public IReadOnlyList<string> Cut(string text, SegmentMode mode = SegmentMode.Exact, bool hmm = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return [];
        }

        var cutter = threadCutter ??= new TokenCutter();
        try
        {
            cutter.Cut(text, snapshot.Dictionary, this.hmm, mode, hmm, compatibility);
            var tokens = new string[cutter.Count];
            for (var i = 0; i < tokens.Length; i++)
            {
                tokens[i] = cutter.TokenString(text, i);
            }

            return tokens;
        }
        finally
        {
            cutter.Release();
        }
    }

    /// <summary>
    /// The tokens of <paramref name="text"/> as ranges appended to <paramref name="output"/>; no strings are made. (In
    /// Python full mode an ASCII run that jieba joins from non-adjacent pieces is given as the range that spans them.)
    /// </summary>
    public void CutSpans(ReadOnlySpan<char> text, List<TokenSpan> output, SegmentMode mode = SegmentMode.Exact, bool hmm = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        var cutter = threadCutter ??= new TokenCutter();
        try
        {
            cutter.Cut(text, snapshot.Dictionary, this.hmm, mode, hmm, compatibility);
            for (var i = 0; i < cutter.Count; i++)
            {
                output.Add(new TokenSpan(cutter.Start(i), cutter.Length(i)));
            }
        }
        finally
        {
            cutter.Release();
        }
    }

    public void UseUserDictionaries(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        lock (writeLock)
        {
            snapshot = Build([.. paths], snapshot.AddedWords);
        }
    }

    public void AddWords(IReadOnlyList<UserWord> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        lock (writeLock)
        {
            var current = snapshot;
            snapshot = Build(current.UserDictionaryPaths, [.. current.AddedWords, .. words]);
        }
    }

    public int FrequencyOf(string word) => snapshot.Dictionary.FrequencyOf(word);

    public string? TagOf(string word) => snapshot.Dictionary.TagOf(word);

    private DictionarySnapshot Build(IReadOnlyList<string> paths, IReadOnlyList<UserWord> addedWords)
    {
        // Read the user files first so a broken file fails before the main dictionary is loaded.
        var userWords = paths.SelectMany(UserDictionaryFile.Read).Concat(addedWords).ToList();
        var builder = PrefixDictionaryCache.LoadMainDictionary(Path.Combine(resourcesDirectory, "dict.txt"));
        PrefixDictionary? suggestFrom = null;
        foreach (var word in userWords)
        {
            var frequency = word.Frequency;
            if (frequency <= 0)
            {
                suggestFrom ??= builder.Build(UserWordsVersion.Base, snapshot: true);
                frequency = SuggestFrequency(suggestFrom, word.Word);
            }

            builder.AddUserWord(word.Word, frequency, word.Tag);
        }

        return new DictionarySnapshot(builder.Build(UserWordsVersion.Of(userWords)), paths, addedWords);
    }

    /// <summary>jieba.NET's <c>SuggestFreq</c>: just enough for the word to beat its own segmentation without HMM.</summary>
    private int SuggestFrequency(PrefixDictionary dictionary, string word)
    {
        var cutter = new TokenCutter();
        cutter.Cut(word, dictionary, hmm, SegmentMode.Exact, useHmm: false, compatibility);
        double freq = 1;
        for (var i = 0; i < cutter.Count; i++)
        {
            var f = dictionary.FrequencyOf(word.AsSpan(cutter.Start(i), cutter.Length(i)));
            freq *= (f > 0 ? f : 1) / dictionary.Total;
        }

        var own = dictionary.FrequencyOf(word);
        return Math.Max((int)(freq * dictionary.Total) + 1, own > 0 ? own : 1);
    }
}
