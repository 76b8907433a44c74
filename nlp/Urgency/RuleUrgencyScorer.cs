using System.Globalization;
using System.Text.RegularExpressions;
using Monitor.Nlp.ServiceFunction;

namespace Monitor.Nlp.Urgency;

/// <summary>
/// Additive, capped points per factor (what each factor means: <c>nlp/Labels/GUIDELINE.md</c>); every reason names
/// the words or values that triggered it. Text factors count in full when one of their words is in the message head
/// (<see cref="MessageHead"/>: the title or first sentence, where a citizen says what is wrong) and half when the
/// words are only deeper in the body, where they are often context ("万一发生火灾", "孩子上学的事咨询过").
/// <list type="bullet">
/// <item>danger to life or health: 30 for an acute word (被困, 坍塌, 起火, 中毒, 伤人…), 14 for a hazard word
/// (安全隐患, 消防通道, 电梯故障, 水质…), +4 per further word, cap 40; an acute word in the head adds 25 (cap 60), so
/// "小区电梯困人了" is high on its own;</item>
/// <item>basic needs cut (停水, 断电, 锁电梯, 饮水难…) 30, cap 35; vulnerable people 8 (+3 each, cap 15);
/// deadlines and near dates 6 (+3, cap 15); livelihood (wages owed, forced demolition) 8 (+2, cap 12);</item>
/// <item>pollution or crime (the service function) 25, +8 when it happens at night (夜间, 凌晨, 睡不着…);</item>
/// <item>a reported problem (投诉, 反映, 违规… in the head of a message that is not a query) 8;</item>
/// <item>anger or fear from the emotion model, from P ≥ 0.6: 2–8 (the model is trained on Weibo, so it counts little);</item>
/// <item>repeated contact: 8 per earlier message of the same pseudonym, or the text says so (再次反映, 二问, 迟迟…)
/// 5 (+2), together cap 20; a growing near-duplicate cluster up to 15.</item>
/// </list>
/// The sum plus a base of 5 is capped at 100. The weights were set on the tuning half of our labels only.
/// </summary>
internal sealed partial class RuleUrgencyScorer : IUrgencyScorer
{
    private const double BodyOnly = 0.5;
    private const double EmotionThreshold = 0.6;
    private const int EmotionMaxPoints = 8;

    private static readonly string[] AcuteDanger =
    [
        "死亡", "身亡", "死人", "丧命", "生命危险", "伤亡", "坍塌", "倒塌", "塌陷", "垮塌", "火灾", "起火", "着火", "失火", "爆炸", "中毒", "触电",
        "溺水", "淹死", "急救", "抢救", "重伤", "砸伤", "摔伤", "被困", "困人", "困在电梯", "关在电梯", "自杀", "跳楼", "救命", "病危", "燃气泄漏",
        "漏气", "煤气罐", "伤人", "打伤", "砍伤", "殴打", "行凶", "流血", "骨折", "坠落", "高空坠物", "掉下来", "致癌", "白血病",
    ];

    private static readonly string[] Hazard =
    [
        "生命安全", "人身安全", "安全隐患", "消防隐患", "消防安全", "消防通道", "安全事故", "隐患", "危房", "漏电", "电线裸露", "危险", "事故", "受伤",
        "开裂", "裂缝", "脱落", "电梯故障", "电梯", "传染", "疫情", "发烧", "生病", "住院", "身体健康", "危害健康", "水质", "浑浊", "饮用水",
        "食品安全", "变质", "过期",
    ];

    private static readonly string[] BasicNeeds =
    [
        "停水", "断水", "没水", "无水", "缺水", "饮水难", "吃水难", "用水问题", "停电", "断电", "没电", "停气", "断气", "锁电梯", "停梯", "无家可归",
        "没有饭吃", "露宿",
    ];

    private static readonly string[] VulnerablePeople =
    [
        "老人", "老年人", "儿童", "孩子", "小孩", "小学生", "幼儿", "婴儿", "孕妇", "残疾", "病人", "患者", "留守", "孤寡", "五保", "低保", "瘫痪",
        "高考", "中考", "考生", "学生",
    ];

    private static readonly string[] LivelihoodWords = ["拖欠工资", "欠薪", "讨薪", "拖欠", "农民工", "血汗钱", "工资", "强拆", "暴力拆迁"];

    private static readonly string[] ComplaintWords =
    [
        "投诉", "举报", "反映", "严重", "违规", "违法", "违章", "违建", "不作为", "乱收费", "不合理", "拖延", "问题", "影响", "不退", "欺诈", "诈骗",
        "质量", "损失",
    ];

    public UrgencyResult Score(UrgencyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = input.Text;
        var head = MessageHead.Of(text).ToString();
        var reasons = new List<UrgencyReason>();

        var acute = Found(text, AcuteDanger);
        var hazard = Found(text, Hazard);
        if (acute.Count + hazard.Count > 0)
        {
            // Acute danger named in the head is the guideline's top level on its own (≥ 60 with the base); deeper in
            // the body it is often hypothetical ("万一发生火灾") and counts as before.
            var acuteInHead = acute.Exists(w => head.Contains(w, StringComparison.Ordinal));
            var points = (acute.Count > 0 ? 30 : 14) + (4 * (acute.Count + hazard.Count - 1));
            Add(reasons, UrgencyFactors.LifeAndHealth, head, [.. acute, .. hazard], acuteInHead ? Math.Min(60, points + 25) : Math.Min(40, points));
        }

        AddWords(reasons, UrgencyFactors.BasicNeeds, head, Found(text, BasicNeeds), first: 30, each: 3, cap: 35);
        AddWords(reasons, UrgencyFactors.Vulnerable, head, Found(text, VulnerablePeople), first: 8, each: 3, cap: 15);
        AddWords(reasons, UrgencyFactors.TimePressure, head, Matches(DeadlinePattern(), text), first: 6, each: 3, cap: 15);
        if (input.ServiceFunction is ServiceFunctions.PollutionReport or ServiceFunctions.CrimeReport)
        {
            var night = Matches(NightPattern(), text);
            reasons.Add(new UrgencyReason(UrgencyFactors.PollutionOrCrime, night.Count > 0 ? 33 : 25, ["service:" + input.ServiceFunction, .. night]));
        }

        AddWords(reasons, UrgencyFactors.Livelihood, head, Found(text, LivelihoodWords), first: 8, each: 2, cap: 12);
        if (input.ServiceFunction != ServiceFunctions.Query && Found(head, ComplaintWords) is { Count: > 0 } complaint)
        {
            reasons.Add(new UrgencyReason(UrgencyFactors.ReportedProblem, 8, complaint));
        }

        var c = CultureInfo.InvariantCulture;
        var negative = Math.Max(input.Anger, input.Fear);
        if (negative >= EmotionThreshold)
        {
            var share = 0.3 + (0.7 * Math.Min(1, (negative - EmotionThreshold) / (1 - EmotionThreshold)));
            reasons.Add(new UrgencyReason(UrgencyFactors.AngerOrFear, (int)Math.Round(EmotionMaxPoints * share),
                [string.Create(c, $"angry {input.Anger:F2}"), string.Create(c, $"fear {input.Fear:F2}")]));
        }

        AddRepeatedContact(reasons, head, text, input.RepeatContacts);
        if (input.ClusterGrowth > 0)
        {
            reasons.Add(new UrgencyReason(UrgencyFactors.GrowingCluster, (int)Math.Round(Math.Min(15, 15 * input.ClusterGrowth)),
                [string.Create(c, $"cluster grew {input.ClusterGrowth:P0}")]));
        }

        reasons.RemoveAll(r => r.Points <= 0);
        reasons.Sort((a, b) => b.Points.CompareTo(a.Points));
        return new UrgencyResult(Math.Min(100, 5 + reasons.Sum(r => r.Points)), reasons);
    }

    /// <summary>Earlier messages of the same pseudonym (from the store) and the text's own "again" markers.</summary>
    private static void AddRepeatedContact(List<UrgencyReason> reasons, string head, string text, int earlierMessages)
    {
        var markers = Matches(RepeatPattern(), text);
        var points = 8 * Math.Max(0, earlierMessages);
        var evidence = new List<string>();
        if (earlierMessages > 0)
        {
            evidence.Add(earlierMessages == 1 ? "1 earlier message" : string.Create(CultureInfo.InvariantCulture, $"{earlierMessages} earlier messages"));
        }

        if (markers.Count > 0)
        {
            points += Weighted(head, markers, 5 + (2 * (markers.Count - 1)));
            evidence.AddRange(markers);
        }

        if (evidence.Count > 0)
        {
            reasons.Add(new UrgencyReason(UrgencyFactors.RepeatedContact, Math.Min(20, points), evidence));
        }
    }

    private static void AddWords(List<UrgencyReason> reasons, string factor, string head, List<string> found, int first, int each, int cap)
    {
        if (found.Count > 0)
        {
            Add(reasons, factor, head, found, Math.Min(cap, first + (each * (found.Count - 1))));
        }
    }

    private static void Add(List<UrgencyReason> reasons, string factor, string head, List<string> found, int points) =>
        reasons.Add(new UrgencyReason(factor, Weighted(head, found, points), found));

    private static int Weighted(string head, List<string> found, int points) =>
        found.Exists(w => head.Contains(w, StringComparison.Ordinal)) ? points : (int)Math.Round(points * BodyOnly);

    private static List<string> Found(string text, string[] words)
    {
        var found = new List<string>();
        foreach (var word in words)
        {
            if (text.Contains(word, StringComparison.Ordinal))
            {
                found.Add(word);
            }
        }

        return found;
    }

    private static List<string> Matches(Regex pattern, string text)
    {
        var found = new List<string>();
        foreach (var m in pattern.EnumerateMatches(text))
        {
            var value = text.Substring(m.Index, m.Length);
            if (!found.Contains(value))
            {
                found.Add(value);
            }
        }

        return found;
    }

    /// <summary>Deadlines and near dates (3月5日前, 5号前, 月底前, 下周, 三天内, 明天) and urgency words (紧急, 立即, 在即).</summary>
    [GeneratedRegex(
        @"\d{1,2}月\d{1,2}[日号]前|\d{1,2}[日号]前|月底前|年底前|[本下]周|明天|明日|后天|今晚|[一二三两四五六七\d]+天内|即将|马上就要|眼看|迫在眉睫|刻不容缓|十万火急|紧急|急需|尽快|立即|立刻|马上|赶紧|随时|临近|近临|在即|来不及",
        RegexOptions.CultureInvariant)]
    private static partial Regex DeadlinePattern();

    /// <summary>Harm at night, when noise and smoke cost sleep.</summary>
    [GeneratedRegex("夜间|半夜|深夜|凌晨|通宵|晚上|夜里|夜晚|睡不着|无法入睡|无法休息|彻夜", RegexOptions.CultureInvariant)]
    private static partial Regex NightPattern();

    /// <summary>The citizen says they have asked before, or for long (再次反映, 二问, 至今未, 迟迟, 三年了).</summary>
    [GeneratedRegex(
        "再次|再问|二问|三问|又一次|多次反映|多次投诉|反映[了过]?多次|屡次|一再|至今(?:未|没|仍|还)|迟迟|[一二三四五六七八九十两\\d]+年了|几个月了|长期|一直没",
        RegexOptions.CultureInvariant)]
    private static partial Regex RepeatPattern();
}
