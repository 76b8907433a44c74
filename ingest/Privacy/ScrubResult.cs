namespace Monitor.Ingest.Privacy;

/// <summary>The text with personal data replaced by tagged pseudonyms (e.g. <c>[手机:u_…]</c>), and what was replaced, in order.</summary>
public sealed record ScrubResult(string Text, IReadOnlyList<PersonalDataMatch> Replacements)
{
    public bool Changed => Replacements.Count > 0;
}
