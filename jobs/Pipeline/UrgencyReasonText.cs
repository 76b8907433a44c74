using System.Globalization;
using Monitor.Nlp.Urgency;

namespace Monitor.Jobs.Pipeline;

/// <summary>
/// How an urgency reason is stored and shown: "factor（evidence、evidence）+points". Parsed back only to replace one
/// factor's points in a stored assessment (a growing cluster's members).
/// </summary>
internal static class UrgencyReasonText
{
    public static string Format(UrgencyReason reason) => $"{reason.Factor}（{string.Join("、", reason.Evidence)}）+{reason.Points}";

    public static bool TryParse(string text, out string factor, out int points)
    {
        var open = text.IndexOf('（', StringComparison.Ordinal);
        var plus = text.LastIndexOf('+');
        if (open > 0 && plus > open && int.TryParse(text.AsSpan(plus + 1), NumberStyles.None, CultureInfo.InvariantCulture, out points))
        {
            factor = text[..open];
            return true;
        }

        (factor, points) = (string.Empty, 0);
        return false;
    }
}
