namespace Monitor.Nlp.ServiceFunction;

/// <summary>
/// Explainable rules over the message head (<see cref="MessageHead"/>) first, then the whole text:
/// <list type="number">
/// <item>a crime cue in the head makes it 涉黑举报, else a pollution cue in the head 污染举报 (a report outranks a
/// question: "噪音扰民，能不能装隔音板？" needs the report desk);</item>
/// <item>a question cue in the head (咨询, 请问, 何时, 是否, …？) makes it 政务查询 unless the head also complains or
/// protests (投诉, 反映, 为何, 还没, 迟迟 …) — a protest dressed as a question is 其他;</item>
/// <item>otherwise weighted cues in the whole text (strong 2, weak 1; the topic model's 环境保护 adds 2 at
/// probability ≥ 0.5 and 4 at ≥ 0.8) need 4 points for a report and 3 for a query.</item>
/// </list>
/// Every decision carries the words that made it; 其他 carries the complaint words of the head, if any.
/// The cue lists follow <c>nlp/Labels/GUIDELINE.md</c>; they were revised on the tuning half of our labels only.
/// </summary>
internal sealed class KeywordServiceFunctionClassifier : IServiceFunctionClassifier
{
    private const double ReportThreshold = 4;
    private const double QueryThreshold = 3;
    private const string EnvironmentTopic = "环境保护";

    private static readonly string[] CrimeInHead =
    [
        "黑社会", "涉黑", "涉恶", "黑恶", "恶势力", "黑势力", "村霸", "地痞", "流氓", "套路贷", "暴力催收", "高利贷", "非法拘禁", "敲诈", "勒索",
        "强买强卖", "欺行霸市", "打手", "传销", "赌博", "赌场", "聚赌", "老虎机", "打鱼机", "牌机", "殴打", "打人", "伤人", "砍人", "行凶",
    ];

    private static readonly string[] PollutionInHead =
    [
        "污染", "排污", "偷排", "直排", "废水", "废气", "恶臭", "臭味", "异味", "刺鼻", "噪音", "噪声", "分贝", "扰民", "吵", "粉尘", "扬尘",
        "黑烟", "油烟", "焚烧", "臭气", "夜间施工", "半夜施工", "深夜施工", "凌晨施工", "通宵施工", "晚上施工", "搅拌站", "乱倒垃圾", "倾倒",
        "采砂", "盗采", "非法开采", "采石", "石场", "电鱼", "捕捞", "毁林", "破坏生态", "垃圾站",
    ];

    private static readonly string[] QueryInHead =
    [
        "咨询", "请问", "问问", "查询", "何时", "什么时候", "啥时候", "是否", "能否", "可否", "能不能", "可不可以", "有没有", "怎么", "如何", "怎样",
        "需要哪些", "哪些", "需要什么", "多少", "吗", "？", "?",
    ];

    /// <summary>Head words that make a question a complaint or a protest (guideline: "为什么不…" is 其他).</summary>
    private static readonly string[] ComplaintInHead =
    [
        "投诉", "举报", "反映", "严重", "违规", "违法", "违建", "不作为", "拖欠", "请求", "呼吁", "建议", "希望", "质疑", "强烈", "凭什么", "为何",
        "为什么", "合理吗", "可靠吗", "谁来", "谁管", "不给", "不退", "乱收费", "欺诈", "诈骗", "还没", "迟迟", "那么慢", "太慢", "至今", "太", "难", "差",
    ];

    private static readonly (string Word, double Weight)[] CrimeInText =
    [
        ("黑社会", 2), ("涉黑", 2), ("涉恶", 2), ("黑恶", 2), ("恶势力", 2), ("村霸", 2), ("套路贷", 2), ("暴力催收", 2), ("高利贷", 2),
        ("非法拘禁", 2), ("敲诈", 2), ("勒索", 2), ("强买强卖", 2), ("欺行霸市", 2), ("打手", 2), ("传销", 2), ("聚众赌博", 2), ("赌场", 2),
        ("老虎机", 2), ("打鱼机", 2), ("殴打", 1), ("打伤", 1), ("恐吓", 1), ("砸坏", 1), ("赌博", 1), ("保护伞", 1),
    ];

    private static readonly (string Word, double Weight)[] PollutionInText =
    [
        ("污染", 2), ("排污", 2), ("偷排", 2), ("直排", 2), ("废水", 2), ("废气", 2), ("恶臭", 2), ("刺鼻", 2), ("噪音", 2), ("噪声", 2), ("粉尘", 2),
        ("扬尘", 2), ("黑烟", 2), ("油烟", 2), ("搅拌站", 2), ("臭味", 1), ("异味", 1), ("扰民", 1), ("焚烧", 1), ("臭气", 1), ("环保", 1), ("灰尘", 1),
        ("生态", 1),
    ];

    private static readonly (string Word, double Weight)[] QueryInText =
    [
        ("咨询", 2), ("请问", 2), ("想了解", 2), ("如何办理", 2), ("怎么办理", 2), ("办理流程", 2), ("需要哪些", 2), ("需要什么", 2),
        ("是否可以", 1), ("可不可以", 1), ("什么时候", 1), ("何时", 1), ("政策", 1),
    ];

    public ServiceFunctionResult Classify(ServiceFunctionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = input.Text;
        var head = MessageHead.Of(text);
        if (Found(head, CrimeInHead) is { Count: > 0 } crimeHead)
        {
            return new ServiceFunctionResult(ServiceFunctions.CrimeReport, 0.9, crimeHead);
        }

        if (Found(head, PollutionInHead) is { Count: > 0 } pollutionHead)
        {
            return new ServiceFunctionResult(ServiceFunctions.PollutionReport, 0.9, pollutionHead);
        }

        var complaint = Found(head, ComplaintInHead);
        if (complaint.Count == 0 && Found(head, QueryInHead) is { Count: > 0 } queryHead)
        {
            return new ServiceFunctionResult(ServiceFunctions.Query, 0.85, queryHead);
        }

        var (crime, crimeWords) = Points(text, CrimeInText);
        if (crime >= ReportThreshold)
        {
            return Result(ServiceFunctions.CrimeReport, crime, crimeWords);
        }

        var (pollution, pollutionWords) = Points(text, PollutionInText);
        if (input.Topic == EnvironmentTopic && input.TopicScore >= 0.5)
        {
            pollution += input.TopicScore >= 0.8 ? 4 : 2;
            pollutionWords.Add("topic:" + EnvironmentTopic);
        }

        if (pollution >= ReportThreshold)
        {
            return Result(ServiceFunctions.PollutionReport, pollution, pollutionWords);
        }

        var (query, queryWords) = Points(text, QueryInText);
        return complaint.Count == 0 && query >= QueryThreshold
            ? Result(ServiceFunctions.Query, query, queryWords)
            : new ServiceFunctionResult(ServiceFunctions.Other, complaint.Count > 0 ? 0.8 : 0.6, complaint);
    }

    /// <summary>Below the head, evidence is weaker: 0.5 at the threshold, 0.8 at twice the threshold.</summary>
    private static ServiceFunctionResult Result(string label, double points, List<string> words) =>
        new(label, Math.Min(0.8, 0.2 + (0.3 * points / ReportThreshold)), words);

    private static List<string> Found(ReadOnlySpan<char> text, string[] cues)
    {
        var words = new List<string>();
        foreach (var word in cues)
        {
            if (text.Contains(word, StringComparison.Ordinal))
            {
                words.Add(word);
            }
        }

        return words;
    }

    private static (double Points, List<string> Words) Points(string text, (string Word, double Weight)[] cues)
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
