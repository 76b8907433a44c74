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
}
