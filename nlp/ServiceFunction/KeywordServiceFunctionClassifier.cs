namespace Monitor.Nlp.ServiceFunction;

/// <summary>
/// Explainable rules: each service has weighted cue words (strong 2, weak 1), matched as substrings of the text; the
/// topic model adds 2 to 污染举报 when it says 环境保护 with probability ≥ 0.5. A service wins with at least 2 points;
/// reports outrank queries (涉黑 before 污染), because a report inside a question still needs the report desk.
/// </summary>
internal sealed class KeywordServiceFunctionClassifier : IServiceFunctionClassifier
{
    private const double Threshold = 2;
    private const string EnvironmentTopic = "环境保护";

    private static readonly (string Word, double Weight)[] Crime =
    [
        ("黑社会", 2), ("涉黑", 2), ("涉恶", 2), ("黑恶", 2), ("恶势力", 2), ("保护伞", 2), ("扫黑", 2), ("村霸", 2), ("套路贷", 2),
        ("暴力催收", 2), ("高利贷", 2), ("非法拘禁", 2), ("敲诈", 2), ("勒索", 2), ("强买强卖", 2), ("欺行霸市", 2), ("打手", 2),
        ("放贷", 1), ("殴打", 1), ("打伤", 1), ("威胁", 1), ("恐吓", 1), ("砸坏", 1), ("霸占", 1), ("垄断", 1), ("赌博", 1), ("聚众", 1),
    ];

    private static readonly (string Word, double Weight)[] Pollution =
    [
        ("污染", 2), ("排污", 2), ("偷排", 2), ("直排", 2), ("污水", 2), ("废水", 2), ("废气", 2), ("恶臭", 2), ("臭味", 2), ("异味", 2), ("刺鼻", 2),
        ("噪音", 2), ("噪声", 2), ("扰民", 2), ("粉尘", 2), ("扬尘", 2), ("黑烟", 2), ("油烟", 2), ("焚烧", 2), ("垃圾站", 1), ("臭气", 2),
        ("化工", 1), ("排放", 1), ("环保", 1), ("灰尘", 1), ("搅拌站", 1), ("养殖场", 1), ("垃圾", 1), ("河道", 1), ("施工", 1),
    ];

    private static readonly (string Word, double Weight)[] Query =
    [
        ("咨询", 2), ("请问", 2), ("查询", 2), ("如何办理", 2), ("怎么办理", 2), ("办理流程", 2), ("需要哪些", 2), ("需要什么", 2), ("能否", 1),
        ("是否可以", 2), ("可不可以", 2), ("怎么办", 1), ("如何", 1), ("怎样", 1), ("什么时候", 1), ("何时", 1), ("多少", 1), ("政策", 1),
        ("手续", 1), ("材料", 1), ("办理", 1), ("申请", 1), ("标准", 1), ("补贴", 1), ("问题咨询", 2), ("能不能", 1), ("吗？", 1), ("吗?", 1),
    ];

    public ServiceFunctionResult Classify(ServiceFunctionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = input.Text;
        var (crime, crimeWords) = Match(text, Crime);
        var (pollution, pollutionWords) = Match(text, Pollution);
        if (input.Topic == EnvironmentTopic && input.TopicScore >= 0.5)
        {
            pollution += 2;
            pollutionWords.Add("topic:" + EnvironmentTopic);
        }

        var (query, queryWords) = Match(text, Query);
        if (crime >= Threshold)
        {
            return Result(ServiceFunctions.CrimeReport, crime, crimeWords);
        }

        if (pollution >= Threshold)
        {
            return Result(ServiceFunctions.PollutionReport, pollution, pollutionWords);
        }

        return query >= Threshold
            ? Result(ServiceFunctions.Query, query, queryWords)
            : new ServiceFunctionResult(ServiceFunctions.Other, 1 - (Math.Max(crime, Math.Max(pollution, query)) / (2 * Threshold)), []);
    }

    private static ServiceFunctionResult Result(string label, double points, List<string> words) =>
        new(label, Math.Min(1, points / (2 * Threshold)), words);

    private static (double Points, List<string> Words) Match(string text, (string Word, double Weight)[] cues)
    {
        double points = 0;
        var words = new List<string>();
        foreach (var (word, weight) in cues)
        {
            if (text.Contains(word, StringComparison.Ordinal))
            {
                points += weight;
                words.Add(word);
            }
        }

        return (points, words);
    }
}
