using Monitor.Nlp.Credibility;

namespace Monitor.Nlp.Tests.Credibility;

public sealed class CredibilityDetectorTests
{
    [Fact]
    public void DisbeliefAndCensorshipAreFoundWithTheirExactSpans()
    {
        const string text = "这条通报内容不实，还删帖了";

        var signals = CredibilityDetector.Detect(text);

        Assert.Equal(2, signals.Count);
        Assert.Equal(CredibilitySignalKinds.Disbelief, signals[0].Kind);
        Assert.Equal("不实", text.Substring(signals[0].Start, signals[0].Length));
        Assert.Equal(CredibilitySignalKinds.Censorship, signals[1].Kind);
        Assert.Equal("删帖", signals[1].Evidence);
    }

    [Fact]
    public void RepeatedComplaintMarkersAreRepetitionSignals()
    {
        var signals = CredibilityDetector.Detect("说了多少次了，又是停水三天");

        Assert.All(signals, s => Assert.Equal(CredibilitySignalKinds.Repetition, s.Kind));
        Assert.Contains(signals, s => s.Evidence == "说了多少次");
        Assert.Contains(signals, s => s.Evidence.StartsWith("又是停水", StringComparison.Ordinal));
    }

    [Fact]
    public void RumourDenialIsARumourSignal() =>
        Assert.Equal(CredibilitySignalKinds.Rumour, Assert.Single(CredibilityDetector.Detect("官方已辟谣")).Kind);

    [Fact]
    public void PlainThanksHaveNoSignal() => Assert.Empty(CredibilityDetector.Detect("感谢工作人员及时处理"));
}
