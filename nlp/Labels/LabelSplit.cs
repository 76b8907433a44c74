using System.Security.Cryptography;
using System.Text;

namespace Monitor.Nlp.Labels;

/// <summary>
/// Splits our labels in two halves by a hash of <c>file:src_row</c> (never the text or the label): rules may be
/// written and tuned while reading the <see cref="Tuning"/> half only; <see cref="HeldOut"/> is what we report on.
/// </summary>
public static class LabelSplit
{
    public const string All = "all";
    public const string Tuning = "tuning";
    public const string HeldOut = "heldout";

    public static IReadOnlyList<string> Names { get; } = [All, Tuning, HeldOut];

    /// <summary>True for the held-out half: the first byte of SHA-256(<c>file:src_row</c>) is odd.</summary>
    public static bool IsHeldOut(string file, string srcRow)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(srcRow);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(file + ":" + srcRow), hash);
        return (hash[0] & 1) == 1;
    }

    public static IReadOnlyList<GovMessageLabel> Select(IReadOnlyList<GovMessageLabel> labels, string split)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return split switch
        {
            All => labels,
            Tuning => labels.Where(l => !IsHeldOut(l.File, l.SrcRow)).ToList(),
            HeldOut => labels.Where(l => IsHeldOut(l.File, l.SrcRow)).ToList(),
            _ => throw new ArgumentException($"Unknown label split '{split}'; use {string.Join(", ", Names)}.", nameof(split)),
        };
    }
}
