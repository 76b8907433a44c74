namespace Monitor.Nlp.ServiceFunction;

/// <summary>The account's three services, and <see cref="Other"/> for everything else (labels as in the guideline).</summary>
public static class ServiceFunctions
{
    public const string Query = "政务查询";
    public const string PollutionReport = "污染举报";
    public const string CrimeReport = "涉黑举报";
    public const string Other = "其他";

    public static IReadOnlyList<string> All { get; } = [Query, PollutionReport, CrimeReport, Other];
}
