using System.Text;
using Monitor.Jobs.Scheduling;
using Monitor.Nlp.Segmentation;

namespace Monitor.Dashboard.Admin;

/// <summary>
/// The words an admin adds for the pipeline's segmenter (place names, new officials, local slang), in jieba's user
/// dictionary format in <c>user-dict.txt</c> of the data folder. The file is loaded after the configured dictionaries at
/// start and again after every change; the segmenter swaps dictionaries atomically, and its version (stamped on every
/// analysis and export) changes with the words.
/// </summary>
internal sealed class UserDictionary(IConfiguration configuration, IServiceProvider services)
{
    public const string FileName = "user-dict.txt";

    private readonly Lock _gate = new();

    public string Path => PathIn(configuration);

    /// <summary>Where the admin's words live for a configuration (its data folder): <c>serve</c> and every CLI verb read the same file.</summary>
    public static string PathIn(IConfiguration configuration) =>
        System.IO.Path.Combine(System.IO.Path.GetFullPath(JobStoreSetup.DataDirectory(configuration)), FileName);

    public IReadOnlyList<UserWord> Words()
    {
        lock (_gate)
        {
            return Read();
        }
    }

    public string? Version => (services.GetRequiredService<ITextSegmenter>() as ISegmenterLexicon)?.Version;

    public void Add(UserWord word) => Change(words =>
    {
        words.RemoveAll(w => w.Word == word.Word);
        words.Add(word);
        return true;
    });

    public bool Remove(string word) => Change(words => words.RemoveAll(w => w.Word == word) > 0);

    /// <summary>At start of <c>serve</c>, <c>worker</c> and every CLI verb: puts the file behind the configured dictionaries when it exists.</summary>
    public void Load()
    {
        if (File.Exists(Path))
        {
            Use();
        }
    }

    private bool Change(Func<List<UserWord>, bool> change)
    {
        lock (_gate)
        {
            var words = Read().ToList();
            if (!change(words))
            {
                return false;
            }

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var text = new StringBuilder("# Monitor 用户词典（系统管理页维护）: word [freq] [tag]\n");
            foreach (var w in words)
            {
                text.Append(w.Word);
                if (w.Frequency > 0)
                {
                    text.Append(' ').Append(w.Frequency.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                if (!string.IsNullOrEmpty(w.Tag))
                {
                    text.Append(' ').Append(w.Tag);
                }

                text.Append('\n');
            }

            File.WriteAllText(Path + ".tmp", text.ToString(), new UTF8Encoding(false));
            File.Move(Path + ".tmp", Path, overwrite: true);
            Use();
            return true;
        }
    }

    private void Use()
    {
        if ((services.GetRequiredService<ITextSegmenter>() as ISegmenterLexicon) is not { } lexicon)
        {
            return;
        }

        var others = lexicon.UserDictionaryPaths.Where(p => !string.Equals(System.IO.Path.GetFullPath(p), Path, StringComparison.Ordinal));
        lexicon.UseUserDictionaries([.. others, Path]);
    }

    private List<UserWord> Read()
    {
        var words = new List<UserWord>();
        if (!File.Exists(Path))
        {
            return words;
        }

        foreach (var raw in File.ReadLines(Path, Encoding.UTF8))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var frequency = parts.Length > 1 && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var f) ? f : 0;
            var tag = parts.Length > 2 ? parts[2] : parts.Length == 2 && frequency == 0 ? parts[1] : null;
            words.Add(new UserWord(parts[0], frequency, tag));
        }

        return words;
    }
}
