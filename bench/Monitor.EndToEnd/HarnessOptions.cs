using System.Globalization;

namespace Monitor.EndToEnd;

internal sealed record HarnessOptions(
    string Mode,
    string? Fault,
    int Messages,
    double CallbackShare,
    double Rate,
    double Minutes,
    int Burst,
    string? Folder,
    bool Keep,
    bool ImportFirst)
{
    public static HarnessOptions? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("run" or "fault" or "soak"))
        {
            return null;
        }

        var fault = args[0] == "fault" && args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : null;
        if (args[0] == "fault" && fault is not ("kill" or "disk-full" or "elasticsearch" or "wechat-api"))
        {
            return null;
        }

        var mode = args[0];
        return new HarnessOptions(
            mode,
            fault,
            (int)Number("--messages", mode == "run" ? 100_000 : 30_000),
            Number("--callback-share", mode == "run" ? 0.1 : 0.3),
            Number("--rate", mode == "soak" ? 20 : 1000),
            Number("--minutes", 30),
            (int)Number("--burst", 600),
            Text("--folder"),
            args.Contains("--keep"),
            args.Contains("--import-first"));

        double Number(string name, double fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        string? Text(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
    }
}
