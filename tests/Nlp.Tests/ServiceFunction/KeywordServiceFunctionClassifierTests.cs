using Monitor.Nlp.ServiceFunction;

namespace Monitor.Nlp.Tests.ServiceFunction;

public sealed class KeywordServiceFunctionClassifierTests
{
    private readonly IServiceFunctionClassifier classifier = ServiceFunctionClassifierFactory.Create();

    [Theory]
    [InlineData("实名举报村霸恶意伤人，背后有保护伞", ServiceFunctions.CrimeReport, "村霸")]
    [InlineData("小区旁搅拌站噪音扰民，粉尘污染严重", ServiceFunctions.PollutionReport, "噪音")]
    [InlineData("请问在县里注册义工团体需要哪些材料？", ServiceFunctions.Query, "需要哪些")]
    public void EachServiceIsRecognisedWithTheWordsThatTriggeredIt(string text, string expected, string trigger)
    {
        var result = classifier.Classify(new ServiceFunctionInput(text));

        Assert.Equal(expected, result.Label);
        Assert.Contains(trigger, result.Triggers);
    }

    [Fact]
    public void TheEnvironmentTopicCountsAsPollutionEvidence()
    {
        var result = classifier.Classify(new ServiceFunctionInput("河里的鱼都死了", "环境保护", 0.8));

        Assert.Equal(ServiceFunctions.PollutionReport, result.Label);
        Assert.Contains("topic:环境保护", result.Triggers);
    }

    [Fact]
    public void AComplaintWithoutCuesIsOtherWithoutTriggers()
    {
        var result = classifier.Classify(new ServiceFunctionInput("开发商延期交房一年"));

        Assert.Equal(ServiceFunctions.Other, result.Label);
        Assert.Empty(result.Triggers);
    }

    [Theory]
    [InlineData("A7县幼儿园迟迟不开园，请问什么时候开？", "迟迟")]
    [InlineData("A5区教育局为何不能公布生源？", "为何")]
    public void AQuestionThatProtestsIsOtherAndNamesTheProtestWords(string text, string protest)
    {
        var result = classifier.Classify(new ServiceFunctionInput(text));

        Assert.Equal(ServiceFunctions.Other, result.Label);
        Assert.Contains(protest, result.Triggers);
    }

    [Fact]
    public void AReportInTheHeadOutranksAQuestion()
    {
        var result = classifier.Classify(new ServiceFunctionInput("工地半夜施工噪音扰民，能不能装隔音板？"));

        Assert.Equal(ServiceFunctions.PollutionReport, result.Label);
        Assert.Contains("扰民", result.Triggers);
    }

    [Fact]
    public void PollutionCuesDeepInTheBodyNeedEnoughWeight()
    {
        const string head = "反映小区门口的问题。";
        var one = classifier.Classify(new ServiceFunctionInput(head + "门口的摊贩有点异味。"));
        var many = classifier.Classify(new ServiceFunctionInput(head + "旁边的厂每天排放废气，粉尘很大，气味刺鼻。"));

        Assert.Equal(ServiceFunctions.Other, one.Label);
        Assert.Equal(ServiceFunctions.PollutionReport, many.Label);
        Assert.Equal(["废气", "刺鼻", "粉尘"], many.Triggers);
    }

    [Fact]
    public void AWeChatTextWithoutTitleIsJudgedByItsFirstSentence()
    {
        var query = classifier.Classify(new ServiceFunctionInput("你好，公积金贷款需要哪些材料？我去年在这里买了房。"));
        var complaint = classifier.Classify(new ServiceFunctionInput("投诉物业乱收费。请问这样合法吗？"));

        Assert.Equal(ServiceFunctions.Query, query.Label);
        Assert.Equal(ServiceFunctions.Other, complaint.Label);
        Assert.Contains("投诉", complaint.Triggers);
    }
}
