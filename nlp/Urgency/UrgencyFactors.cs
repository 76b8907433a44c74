namespace Monitor.Nlp.Urgency;

/// <summary>The factor names written into <see cref="UrgencyReason.Factor"/>.</summary>
public static class UrgencyFactors
{
    public const string LifeAndHealth = "danger to life or health";
    public const string BasicNeeds = "basic needs cut";
    public const string Vulnerable = "vulnerable people";
    public const string TimePressure = "time pressure";
    public const string PollutionOrCrime = "pollution or crime";
    public const string Livelihood = "livelihood at stake";
    public const string ReportedProblem = "reported problem";
    public const string AngerOrFear = "anger or fear";
    public const string RepeatedContact = "repeated contact";
    public const string GrowingCluster = "growing cluster";
}
