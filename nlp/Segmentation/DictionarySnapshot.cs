namespace Monitor.Nlp.Segmentation;

/// <summary>One immutable state of the fast segmenter's dictionary and the sources it was built from.</summary>
internal sealed record DictionarySnapshot(PrefixDictionary Dictionary, IReadOnlyList<string> UserDictionaryPaths, IReadOnlyList<UserWord> AddedWords);
