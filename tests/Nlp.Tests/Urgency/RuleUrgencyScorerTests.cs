using Monitor.Nlp.ServiceFunction;
using Monitor.Nlp.Urgency;

namespace Monitor.Nlp.Tests.Urgency;

public sealed class RuleUrgencyScorerTests
{
    private readonly IUrgencyScorer scorer = UrgencyScorerFactory.Create();

    [Fact]
    public void DangerToChildrenOutranksARoutineQuestionAndSaysWhy()
    {
        var danger = scorer.Score(new UrgencyInput("幼儿园校车严重超载，孩子们随时有生命危险，请立即处理"));
        var routine = scorer.Score(new UrgencyInput("请问公积金贷款需要哪些材料"));

        Assert.True(danger.Score > routine.Score + 30);
        Assert.Contains(danger.Reasons, r => r.Factor == UrgencyFactors.LifeAndHealth && r.Evidence.Contains("生命危险"));
        Assert.Contains(danger.Reasons, r => r.Factor == UrgencyFactors.Vulnerable);
        Assert.Contains(danger.Reasons, r => r.Factor == UrgencyFactors.TimePressure);
        Assert.Empty(routine.Reasons);
    }

    [Fact]
    public void AngerRepeatedContactAndAGrowingClusterEachAddAReason()
    {
        var result = scorer.Score(new UrgencyInput("小区停水", Anger: 0.9, RepeatContacts: 2, ClusterGrowth: 0.5, ServiceFunction: ServiceFunctions.PollutionReport));

        Assert.Contains(result.Reasons, r => r.Factor == UrgencyFactors.AngerOrFear);
        Assert.Contains(result.Reasons, r => r.Factor == UrgencyFactors.RepeatedContact && r.Points == 16);
        Assert.Contains(result.Reasons, r => r.Factor == UrgencyFactors.GrowingCluster);
        Assert.Contains(result.Reasons, r => r.Factor == UrgencyFactors.PollutionOrCrime);
    }

    [Fact]
    public void TheScoreNeverExceedsOneHundred()
    {
        var result = scorer.Score(new UrgencyInput(
            "紧急！火灾爆炸中毒死亡，老人儿童孕妇被困，今天马上立即救命，拖欠工资断水断电", Anger: 1, Fear: 1, ServiceFunction: ServiceFunctions.CrimeReport, RepeatContacts: 9, ClusterGrowth: 3));

        Assert.Equal(100, result.Score);
    }

    [Fact]
    public void PeopleTrappedInALiftAreDangerToLife()
    {
        var trapped = scorer.Score(new UrgencyInput("小区电梯困人了"));
        var dispute = scorer.Score(new UrgencyInput("投诉开发商延期交房"));

        var danger = Assert.Single(trapped.Reasons, r => r.Factor == UrgencyFactors.LifeAndHealth);
        Assert.Contains("困人", danger.Evidence);
        Assert.True(trapped.Score >= 60, $"score {trapped.Score}: acute danger in the head is the top level on its own");
        Assert.True(trapped.Score > dispute.Score + 20, $"{trapped.Score} vs {dispute.Score}");
    }

    [Fact]
    public void WordsInTheHeadCountMoreThanTheSameWordsDeepInTheBody()
    {
        var inHead = scorer.Score(new UrgencyInput("楼道里煤气罐堆放。物业不管。"));
        var inBody = scorer.Score(new UrgencyInput("物业不管事。楼道里煤气罐堆放。"));

        var head = Assert.Single(inHead.Reasons, r => r.Factor == UrgencyFactors.LifeAndHealth);
        var body = Assert.Single(inBody.Reasons, r => r.Factor == UrgencyFactors.LifeAndHealth);
        Assert.Equal(55, head.Points);
        Assert.Equal(15, body.Points);
    }

    [Fact]
    public void PollutionAtNightAndWaterCutForAnEstateSayWhy()
    {
        var night = scorer.Score(new UrgencyInput("工地凌晨施工扰民", ServiceFunction: ServiceFunctions.PollutionReport));
        var day = scorer.Score(new UrgencyInput("工地施工扰民", ServiceFunction: ServiceFunctions.PollutionReport));
        var water = scorer.Score(new UrgencyInput("小区停水三天了，一千多户没水用"));

        Assert.Contains(night.Reasons, r => r.Factor == UrgencyFactors.PollutionOrCrime && r.Evidence.Contains("凌晨"));
        Assert.True(night.Score > day.Score);
        Assert.Contains(water.Reasons, r => r.Factor == UrgencyFactors.BasicNeeds && r.Evidence.Contains("停水"));
    }

    [Fact]
    public void TextSaysTheCitizenAskedBefore()
    {
        var result = scorer.Score(new UrgencyInput("再次反映小区道路破损问题"));

        Assert.Contains(result.Reasons, r => r.Factor == UrgencyFactors.RepeatedContact && r.Evidence.Contains("再次"));
        Assert.Contains(result.Reasons, r => r.Factor == UrgencyFactors.ReportedProblem && r.Evidence.Contains("反映"));
    }

    [Theory]
    [InlineData("紧急！火灾爆炸中毒死亡，老人儿童孕妇被困，今天马上立即救命，拖欠工资断水断电")]
    [InlineData("再次投诉：工地夜间施工，孩子高考在即，睡不着")]
    [InlineData("A市小区电梯故障频发，老人被困多次，物业至今未修")]
    public void EveryReasonNamesWhatTriggeredIt(string text)
    {
        var result = scorer.Score(new UrgencyInput(text, Anger: 0.8, ServiceFunction: ServiceFunctions.PollutionReport, RepeatContacts: 1));

        Assert.NotEmpty(result.Reasons);
        Assert.All(result.Reasons, r =>
        {
            Assert.True(r.Points > 0);
            Assert.NotEmpty(r.Evidence);
            Assert.All(r.Evidence, e => Assert.False(string.IsNullOrWhiteSpace(e)));
        });
        Assert.Equal(Math.Min(100, 5 + result.Reasons.Sum(r => r.Points)), result.Score);
    }
}
