using System.Text;

namespace Monitor.Nlp.Segmentation;

/// <summary>Reads a jieba user dictionary: lines <c>word [freq] [tag]</c>, as jieba's <c>re_userdict</c> splits them.</summary>
internal static class UserDictionaryFile
{
    /// <summary>The words of <paramref name="path"/>; a line that cannot be read is an error naming file and line.</summary>
    public static List<UserWord> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"User dictionary '{Path.GetFullPath(path)}' does not exist.", path);
        }

        var words = new List<UserWord>();
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            var line = raw.Trim().TrimStart('\uFEFF');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            words.Add(Parse(line, path, lineNumber));
        }

        return words;
    }

    /// <summary>Splits <c>word [freq] [tag]</c> like <c>^(.+?)( [0-9]+)?( [a-z]+)?$</c>.</summary>
    internal static UserWord Parse(string line, string source, int lineNumber)
    {
        var word = line;
        string? tag = null;
        var frequency = 0;
        var space = word.LastIndexOf(' ');
        if (space > 0 && IsTag(word.AsSpan(space + 1)))
        {
            tag = word[(space + 1)..];
            word = word[..space];
            space = word.LastIndexOf(' ');
        }

        if (space > 0 && IsNumber(word.AsSpan(space + 1)))
        {
            if (!int.TryParse(word.AsSpan(space + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out frequency))
            {
                throw new InvalidDataException($"{source}, line {lineNumber}: frequency '{word[(space + 1)..]}' is too large.");
            }

            word = word[..space];
        }

        word = word.Trim();
        if (word.Length == 0)
        {
            throw new InvalidDataException($"{source}, line {lineNumber}: '{line}' has no word.");
        }

        return new UserWord(word, frequency, tag);
    }

    private static bool IsTag(ReadOnlySpan<char> s) => !s.IsEmpty && !s.ContainsAnyExceptInRange('a', 'z');

    private static bool IsNumber(ReadOnlySpan<char> s) => !s.IsEmpty && !s.ContainsAnyExceptInRange('0', '9');
}
