using Monitor.Nlp.Labels;

namespace Monitor.Nlp.Tests.Labels;

public sealed class LabelSplitTests
{
    private static readonly List<GovMessageLabel> Labels =
        Enumerable.Range(0, 400).Select(i => new GovMessageLabel("hot_issue_messages.csv", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "text", "其他", 1)).ToList();

    [Fact]
    public void TheHalvesAreDisjointCoverEveryLabelAndAreRoughlyEqual()
    {
        var tuning = LabelSplit.Select(Labels, LabelSplit.Tuning);
        var heldOut = LabelSplit.Select(Labels, LabelSplit.HeldOut);

        Assert.Equal(Labels.Count, tuning.Count + heldOut.Count);
        Assert.Empty(tuning.Select(l => l.SrcRow).Intersect(heldOut.Select(l => l.SrcRow)));
        Assert.InRange(heldOut.Count, 160, 240);
        Assert.Same(Labels, LabelSplit.Select(Labels, LabelSplit.All));
    }

    [Fact]
    public void TheSplitDependsOnTheKeyNotOnTextOrLabel()
    {
        var a = new GovMessageLabel("replied_messages.csv", "17", "一段话", "其他", 0);
        var b = a with { Text = "另一段完全不同的话", ServiceFunction = "污染举报", Urgency = 3 };

        Assert.Equal(LabelSplit.IsHeldOut(a.File, a.SrcRow), LabelSplit.IsHeldOut(b.File, b.SrcRow));
        Assert.Equal(LabelSplit.Select([a], LabelSplit.HeldOut).Count, LabelSplit.Select([b], LabelSplit.HeldOut).Count);
    }

    [Fact]
    public void AnUnknownSplitIsRefusedWithTheNames() =>
        Assert.Contains("heldout", Assert.Throws<ArgumentException>(() => LabelSplit.Select(Labels, "test")).Message, StringComparison.Ordinal);
}
