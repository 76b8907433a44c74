using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Monitor.Nlp.Classification;
using Monitor.Nlp.FastScoring;
using Monitor.Nlp.Tests.Support;

namespace Monitor.Nlp.Tests.Classification;

public sealed class ClassOffsetsTests : IDisposable
{
    private static readonly string[] Labels = ["common", "other", "rare"];

    private readonly string root = Path.Combine(Path.GetTempPath(), "nlp-class-offsets-" + Guid.NewGuid().ToString("N"));

    /// <summary>A model that scores every rare row just below the common class: argmax never predicts it.</summary>
    private static (List<string> Actual, List<ClassPrediction> Predicted) UnderScoredRareClass()
    {
        var actual = new List<string>();
        var predicted = new List<ClassPrediction>();
        for (var i = 0; i < 60; i++)
        {
            var (label, p) = (i % 6) switch
            {
                0 => ("rare", new[] { 0.50f, 0.10f, 0.40f }),
                1 or 2 => ("other", new[] { 0.20f, 0.70f, 0.10f }),
                _ => ("common", new[] { 0.80f, 0.10f, 0.10f }),
            };
            actual.Add(label);
            predicted.Add(new ClassPrediction(Labels[Array.IndexOf(p, p.Max())], p.Max(), p));
        }

        return (actual, predicted);
    }

    [Fact]
    public void OffsetsLiftAnUnderScoredClassUntilMacroF1IsPerfect()
    {
        var (actual, predicted) = UnderScoredRareClass();

        var offsets = ClassOffsets.Choose(actual, predicted, Labels);

        Assert.True(ClassOffsets.MacroF1(actual, predicted, Labels, new double[3]) < 0.7);
        Assert.Equal(1.0, ClassOffsets.MacroF1(actual, predicted, Labels, offsets), 6);
        Assert.True(offsets[2] - offsets[0] > Math.Log(0.5 / 0.4), $"rare − common offset {offsets[2] - offsets[0]:F2}");
    }

    [Fact]
    public void CrossCheckKeepsOffsetsOnlyWhenTheyHelpRowsTheyWereNotChosenOn()
    {
        var (actual, predicted) = UnderScoredRareClass();
        var groups = Enumerable.Range(0, actual.Count).Select(i => i % 5).ToList();
        var perfect = actual.ConvertAll(a => new ClassPrediction(a, 0.9, [.. Labels.Select(l => l == a ? 0.9f : 0.05f)]));

        var (skewedWithout, skewedCrossChosen) = ClassOffsets.CrossCheck(actual, predicted, Labels, groups);
        var (perfectWithout, perfectCrossChosen) = ClassOffsets.CrossCheck(actual, perfect, Labels, groups);

        Assert.True(skewedCrossChosen > skewedWithout, $"{skewedCrossChosen:F3} vs {skewedWithout:F3}");
        Assert.Equal(1.0, perfectWithout, 6);
        Assert.False(perfectCrossChosen > perfectWithout);
    }

    /// <summary>Offsets live in the saved model's biases, so ML.NET and the fast path both apply them after a reload.</summary>
    [Fact]
    public void AppliedOffsetsAreSavedInTheModelAndChangeItsPredictions()
    {
        var rows = TinyTopics.Rows(40);
        var options = new MulticlassTrainingOptions
        {
            Name = "topic", OutputDirectory = root, Command = "test", DataDescription = "test rows",
            WordBits = 12, CharBits = 12, L2Candidates = [0.01f], BalanceCandidates = [0], TuneClassOffsets = false,
        };
        var report = HashedMulticlassTraining.Train(options, rows, Shared.Segmenter, null, TestContext.Current.CancellationToken);
        var (ml, model, schema, features) = HashedModelFiles.Load(report.ModelPath);
        var maxEnt = Flatten(model).OfType<MulticlassPredictionTransformer<MaximumEntropyModelParameters>>().Single().Model;
        var labels = TextClassifierFactory.Load(report.ModelPath, "topic").Labels;
        var before = LinearTextModel.TryRead(model)!;
        var biasesBefore = Enumerable.Range(0, labels.Count).Select(before.Bias).ToArray();

        Assert.True(ClassOffsets.Apply(maxEnt, labels, new Dictionary<string, double> { ["财经"] = 20 }));
        var shifted = Path.Combine(root, "shifted");
        Directory.CreateDirectory(shifted);
        HashedModelFiles.Save(ml, model, features, Path.Combine(shifted, "model.zip"));
        var reloaded = TextClassifierFactory.Load(Path.Combine(shifted, "model.zip"), "topic");
        var after = LinearTextModel.TryRead(HashedModelFiles.Load(Path.Combine(shifted, "model.zip")).Model)!;

        Assert.Equal(schema.Count, HashedModelFiles.Load(Path.Combine(shifted, "model.zip")).InputSchema.Count);
        for (var k = 0; k < labels.Count; k++)
        {
            Assert.Equal(biasesBefore[k] + (reloaded.Labels[k] == "财经" ? 20f : 0f), after.Bias(k), 3);
        }

        Assert.Equal("财经", reloaded.Classify("篮球比赛", Shared.Segmenter.Cut("篮球比赛")).Label);
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer transformer) =>
        transformer is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [transformer];

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
