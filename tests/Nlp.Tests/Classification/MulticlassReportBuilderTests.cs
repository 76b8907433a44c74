using Monitor.Nlp.Classification;

namespace Monitor.Nlp.Tests.Classification;

public sealed class MulticlassReportBuilderTests
{
    [Fact]
    public void MacroF1AveragesTheClassesAndTheConfusionMatrixCountsTrueByPredicted()
    {
        string[] labels = ["a", "b"];
        string[] actual = ["a", "a", "b", "b"];
        ClassPrediction[] predicted =
        [
            new("a", 0.9, [0.9f, 0.1f]),
            new("b", 0.6, [0.4f, 0.6f]),
            new("b", 0.8, [0.2f, 0.8f]),
            new("b", 0.7, [0.3f, 0.7f]),
        ];

        var report = MulticlassReportBuilder.Build(actual, predicted, labels);

        Assert.Equal(0.75, report.Accuracy, 6);
        Assert.Equal(1, report.Confusion[0][1]);
        Assert.Equal(2, report.Confusion[1][1]);
        var a = report.Classes.Single(c => c.Label == "a");
        var b = report.Classes.Single(c => c.Label == "b");
        Assert.Equal((a.F1 + b.F1) / 2, report.MacroF1, 6);
        Assert.InRange(report.CalibrationError, 0, 1);
    }
}
