namespace Monitor.Ingest.Privacy;

public enum PersonalDataKind
{
    /// <summary>A person's platform identity (OpenID, import author).</summary>
    User,

    /// <summary>Mainland mobile number (1[3-9] + 9 digits, optionally +86, spaces or hyphens).</summary>
    Phone,

    /// <summary>Fixed-line number with an area code (010-12345678).</summary>
    Landline,

    /// <summary>18-digit resident ID number with a valid birth date and checksum.</summary>
    IdCard,

    Email,

    /// <summary>16–19 digit card number starting 3–6 that passes the Luhn check.</summary>
    BankCard,
}
