using System.Globalization;
using System.Text.RegularExpressions;
using Monitor.Nlp.ServiceFunction;

namespace Monitor.Nlp.Urgency;

/// <summary>
/// Additive, capped points per factor (see <c>nlp/Labels/GUIDELINE.md</c> for what each factor means): danger to life
/// or health up to 40, vulnerable people 15, time pressure 15, pollution or crime 12, wages/livelihood 10, anger or fear
/// (emotion model) up to 15, repeated contact 8 each up to 20, a growing cluster up to 15; the sum is capped at 100.
/// </summary>
internal sealed partial class RuleUrgencyScorer : IUrgencyScorer
{
    private static readonly string[] Danger =
    [
        "死亡", "身亡", "死人", "生命危险", "生命安全", "人身安全", "伤亡", "坍塌", "倒塌", "塌陷", "火灾", "起火", "爆炸", "中毒", "触电", "溺水",
        "急救", "抢救", "重伤", "受伤", "摔伤", "安全隐患", "危房", "漏电", "燃气泄漏", "煤气", "自杀", "跳楼", "救命", "病危", "传染", "疫情", "发烧",
        "致癌", "癌症", "白血病", "危险", "事故", "砸伤", "出血",
    ];

    private static readonly string[] VulnerablePeople =
    [
        "老人", "老年人", "儿童", "孩子", "小孩", "小学生", "学生", "幼儿", "婴儿", "孕妇", "残疾", "病人", "患者", "留守", "孤寡", "五保", "低保", "瘫痪",
    ];

    private static readonly string[] Urgent =
    [
        "紧急", "十万火急", "迫在眉睫", "刻不容缓", "马上", "立即", "立刻", "尽快", "尽早", "赶紧", "今天", "今晚", "明天", "即将", "眼看", "随时", "连夜",
        "求助", "救救", "再不", "限期", "最后期限", "已经多次", "多次反映", "至今", "迟迟",
    ];

    private static readonly string[] LivelihoodWords =
    [
        "拖欠工资", "欠薪", "讨薪", "拖欠", "农民工", "血汗钱", "断水", "停水", "断电", "停电", "没有饭吃", "无家可归", "强拆", "暴力拆迁", "维权",
    ];

    public UrgencyResult Score(UrgencyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = input.Text;
        var reasons = new List<UrgencyReason>();
        AddWords(reasons, UrgencyFactors.LifeAndHealth, text, Danger, first: 25, each: 5, cap: 40);
        AddWords(reasons, UrgencyFactors.Vulnerable, text, VulnerablePeople, first: 10, each: 3, cap: 15);
        var timeWords = Found(text, Urgent);
        timeWords.AddRange(DatePattern().Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal).Take(3));
        Add(reasons, UrgencyFactors.TimePressure, timeWords, first: 8, each: 3, cap: 15);
        if (input.ServiceFunction is ServiceFunctions.PollutionReport or ServiceFunctions.CrimeReport)
        {
            reasons.Add(new UrgencyReason(UrgencyFactors.PollutionOrCrime, 12, ["service:" + input.ServiceFunction]));
        }

        AddWords(reasons, UrgencyFactors.Livelihood, text, LivelihoodWords, first: 8, each: 2, cap: 10);
        var negative = Math.Max(input.Anger, input.Fear);
        if (negative >= 0.4)
        {
            var c = CultureInfo.InvariantCulture;
            reasons.Add(new UrgencyReason(
                UrgencyFactors.AngerOrFear,
                (int)Math.Round(15 * Math.Min(1, (negative - 0.4) / 0.5 + 0.3)),
                [string.Create(c, $"angry {input.Anger:F2}"), string.Create(c, $"fear {input.Fear:F2}")]));
        }

        if (input.RepeatContacts > 0)
        {
            reasons.Add(new UrgencyReason(UrgencyFactors.RepeatedContact, Math.Min(20, 8 * input.RepeatContacts),
                [string.Create(CultureInfo.InvariantCulture, $"{input.RepeatContacts} earlier messages")]));
        }

        if (input.ClusterGrowth > 0)
        {
            reasons.Add(new UrgencyReason(UrgencyFactors.GrowingCluster, (int)Math.Round(Math.Min(15, 15 * input.ClusterGrowth)),
                [string.Create(CultureInfo.InvariantCulture, $"cluster grew {input.ClusterGrowth:P0}")]));
        }

        reasons.Sort((a, b) => b.Points.CompareTo(a.Points));
        return new UrgencyResult(Math.Min(100, 5 + reasons.Sum(r => r.Points)), reasons);
    }

    private static void AddWords(List<UrgencyReason> reasons, string factor, string text, string[] words, int first, int each, int cap) =>
        Add(reasons, factor, Found(text, words), first, each, cap);

    private static void Add(List<UrgencyReason> reasons, string factor, List<string> found, int first, int each, int cap)
    {
        if (found.Count > 0)
        {
            reasons.Add(new UrgencyReason(factor, Math.Min(cap, first + (each * (found.Count - 1))), found));
        }
    }

    private static List<string> Found(string text, string[] words) =>
        words.Where(w => text.Contains(w, StringComparison.Ordinal)).ToList();

    /// <summary>Deadlines and near dates: 3月5日, 5号前, 月底, 本周, 下周, 三天内.</summary>
    [GeneratedRegex(@"\d{1,2}月\d{1,2}[日号]前?|\d{1,2}[日号]前|月底前?|本周|下周|[一二三两四五六七\d]+天内", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();
}
