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
}
