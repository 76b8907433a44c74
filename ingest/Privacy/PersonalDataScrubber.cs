using System.Text;
using System.Text.RegularExpressions;

namespace Monitor.Ingest.Privacy;

/// <summary>
/// Replaces personal data in free text (mobile and fixed-line numbers, resident ID numbers with a valid checksum,
/// e-mail addresses, Luhn-valid card numbers) with keyed-hash pseudonyms from <see cref="Pseudonymizer"/>, tagged
/// by kind: <c>[手机:u_…]</c>, <c>[电话:…]</c>, <c>[身份证:…]</c>, <c>[邮箱:…]</c>, <c>[银行卡:…]</c>. Values are
/// normalised first (digits only, +86 dropped, e-mail lowercased), so the same number written two ways gets one
/// pseudonym. Thread-safe.
/// </summary>
public sealed partial class PersonalDataScrubber(Pseudonymizer pseudonymizer)
{
    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string IdCheckDigits = "10X98765432";

    public ScrubResult Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var candidates = new List<(PersonalDataKind Kind, int Start, int Length, string Value)>();
        Collect(candidates, IdCardPattern(), PersonalDataKind.IdCard, text);
        Collect(candidates, EmailPattern(), PersonalDataKind.Email, text);
        Collect(candidates, PhonePattern(), PersonalDataKind.Phone, text);
        Collect(candidates, BankCardPattern(), PersonalDataKind.BankCard, text);
        Collect(candidates, LandlinePattern(), PersonalDataKind.Landline, text);
        if (candidates.Count == 0)
        {
            return new ScrubResult(text, []);
        }

        var scrubbed = new StringBuilder(text.Length);
        var replacements = new List<PersonalDataMatch>();
        var at = 0;
        foreach (var candidate in candidates.OrderBy(c => c.Start).ThenByDescending(c => c.Length).ThenBy(c => c.Kind))
        {
            if (candidate.Start < at)
            {
                continue;
            }

            var pseudonym = pseudonymizer.Pseudonymize(candidate.Value);
            scrubbed.Append(text, at, candidate.Start - at).Append('[').Append(Label(candidate.Kind)).Append(':').Append(pseudonym).Append(']');
            replacements.Add(new PersonalDataMatch(candidate.Kind, pseudonym, candidate.Start, candidate.Length));
            at = candidate.Start + candidate.Length;
        }

        scrubbed.Append(text, at, text.Length - at);
        return new ScrubResult(scrubbed.ToString(), replacements);
    }

    /// <summary>
    /// The pseudonym <see cref="Scrub"/> gives <paramref name="value"/> as <paramref name="kind"/> (for erasure requests:
    /// "erase everything with my number 138-0013-8000"); null when the value is not valid for that kind.
    /// </summary>
    public string? PseudonymFor(PersonalDataKind kind, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var normalized = kind == PersonalDataKind.User ? value.Trim() : Normalize(kind, value.Trim());
        return normalized is null || normalized.Length == 0 ? null : pseudonymizer.Pseudonymize(normalized);
    }

    public static string Label(PersonalDataKind kind) => kind switch
    {
        PersonalDataKind.Phone => "手机",
        PersonalDataKind.Landline => "电话",
        PersonalDataKind.IdCard => "身份证",
        PersonalDataKind.Email => "邮箱",
        PersonalDataKind.BankCard => "银行卡",
        _ => "用户",
    };

    private static void Collect(List<(PersonalDataKind, int, int, string)> candidates, Regex pattern, PersonalDataKind kind, string text)
    {
        foreach (var match in pattern.EnumerateMatches(text))
        {
            var value = Normalize(kind, text.Substring(match.Index, match.Length));
            if (value is not null)
            {
                candidates.Add((kind, match.Index, match.Length, value));
            }
        }
    }

    /// <summary>The canonical form of a value of <paramref name="kind"/>, or null when it is not valid.</summary>
    internal static string? Normalize(PersonalDataKind kind, string raw)
    {
        switch (kind)
        {
            case PersonalDataKind.Email:
                return EmailPattern().IsMatch(raw) ? raw.ToLowerInvariant() : null;
            case PersonalDataKind.IdCard:
                var id = raw.ToUpperInvariant();
                return id.Length == 18 && IsValidIdCard(id) ? id : null;
        }

        var digits = new string([.. raw.Where(char.IsAsciiDigit)]);
        switch (kind)
        {
            case PersonalDataKind.Phone:
                if (digits.Length == 15 && digits.StartsWith("0086", StringComparison.Ordinal))
                {
                    digits = digits[4..];
                }
                else if (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal))
                {
                    digits = digits[2..];
                }

                return digits.Length == 11 && digits[0] == '1' && digits[1] is >= '3' and <= '9' ? digits : null;
            case PersonalDataKind.Landline:
                return digits.Length is >= 10 and <= 12 && digits[0] == '0' ? digits : null;
            case PersonalDataKind.BankCard:
                return digits.Length is >= 16 and <= 19 && digits[0] is >= '3' and <= '6' && PassesLuhn(digits) ? digits : null;
            default:
                return null;
        }
    }

    internal static bool IsValidIdCard(string id)
    {
        if (id.Length != 18 || id.AsSpan(0, 17).ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (id[i] - '0') * IdWeights[i];
        }

        if (IdCheckDigits[sum % 11] != id[17])
        {
            return false;
        }

        var year = int.Parse(id.AsSpan(6, 4), provider: System.Globalization.CultureInfo.InvariantCulture);
        var month = int.Parse(id.AsSpan(10, 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        var day = int.Parse(id.AsSpan(12, 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        return year is >= 1900 and <= 2100 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }

    [GeneratedRegex("""(?<![0-9A-Za-z])[1-9]\d{16}[0-9Xx](?![0-9A-Za-z])""", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex IdCardPattern();

    [GeneratedRegex("""(?<![0-9])(?:(?:\+|00)?86[\s\-]?)?1[3-9]\d(?:[\s\-]?\d{4}){2}(?![0-9])""", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex PhonePattern();

    [GeneratedRegex("""(?<![0-9])0\d{2,3}[\s\-]\d{7,8}(?![0-9])""", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex LandlinePattern();

    [GeneratedRegex("""(?<![0-9])[3-6]\d{3}(?:[\s\-]?\d{4}){2}[\s\-]?\d{4,7}(?![0-9])""", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex BankCardPattern();

    [GeneratedRegex("""(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9])""", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex EmailPattern();
}
