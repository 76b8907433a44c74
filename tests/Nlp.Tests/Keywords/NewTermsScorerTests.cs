using Monitor.Nlp.Keywords;

namespace Monitor.Nlp.Tests.Keywords;

public sealed class NewTermsScorerTests
{
    [Fact]
    public void LogLikelihoodMatchesDunningsFormula()
    {
        // 2 Σ O ln(O/E) over the 2×2 table, computed independently in Python: 101.56661803389213.
        Assert.Equal(101.56661803389213, NewTermsScorer.LogLikelihood(30, 10, 1000, 10000), 9);
        Assert.Equal(0, NewTermsScorer.LogLikelihood(10, 100, 1000, 10000), 9);
    }

    [Fact]
    public void AWordThatSurgesInTheWindowIsNewAndCarriesItsCounts()
    {
        var baseline = Counts(200, ["停水", "物业", "噪音"], ["物业", "停车"]);
        var window = Counts(20, ["停水", "物业", "噪音"], ["停水", "水管", "爆裂"]);

        var terms = NewTermsScorer.Score(window, baseline, minCount: 3);

        var top = terms[0];
        Assert.True(top.Word is "水管" or "爆裂" or "停水", top.Word);
        Assert.Equal(window[top.Word], top.WindowCount);
        Assert.Equal(window.Total, top.WindowTotal);
        Assert.Equal(baseline[top.Word], top.BaselineCount);
        Assert.DoesNotContain(terms, t => t.Word is "物业" or "停车");
        Assert.All(terms, t => Assert.True(t.LogLikelihood >= 10.83));
    }

    [Fact]
    public void RareWordsBelowTheMinimumCountAreIgnored()
    {
        var baseline = Counts(100, ["物业"]);
        var window = Counts(2, ["塌方"]);

        Assert.Empty(NewTermsScorer.Score(window, baseline, minCount: 3));
    }

    [Fact]
    public void AnEmptyWindowHasNothingNew()
    {
        Assert.Empty(NewTermsScorer.Score(new TermCounts(), Counts(10, ["物业"])));
    }

    [Fact]
    public void IdfIsTheLogOfTextsOverTextsWithTheWord()
    {
        var counts = Counts(3, ["物业", "停车"]);
        counts.Add(["物业"]);
        using var writer = new StringWriter();

        IdfBuilder.Write(counts, writer);

        Assert.Equal($"物业 {Math.Log(4.0 / 4):0.000000}\n停车 {Math.Log(4.0 / 3):0.000000}\n", writer.ToString());
    }

    private static TermCounts Counts(int repeat, params string[][] texts)
    {
        var counts = new TermCounts();
        for (var i = 0; i < repeat; i++)
        {
            foreach (var text in texts)
            {
                counts.Add(text);
            }
        }

        return counts;
    }
}
