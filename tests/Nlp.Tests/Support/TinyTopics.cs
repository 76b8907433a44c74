using Monitor.Nlp.Classification;

namespace Monitor.Nlp.Tests.Support;

/// <summary>A two-topic corpus (体育 / 财经) small enough to train a topic model in a test.</summary>
internal static class TinyTopics
{
    private static readonly string[] Sport = ["足球比赛进球", "篮球联赛夺冠", "球员转会俱乐部", "奥运会金牌", "网球公开赛决赛", "马拉松比赛开跑"];
    private static readonly string[] Money = ["股票大盘上涨", "银行存款利率", "基金收益下跌", "央行货币政策", "债券市场收益率", "外汇汇率波动"];

    /// <summary><paramref name="count"/> rows alternating sport and money, each made unique by its number.</summary>
    public static List<LabeledText> Rows(int count) =>
        [.. Enumerable.Range(0, count)
            .Select(i => new LabeledText($"{(i % 2 == 0 ? Sport[i % 6] : Money[i % 6])} 第{i}条", i % 2 == 0 ? "体育" : "财经", $"test:{i}"))];

    /// <summary>Training options for a tiny topic model written to <paramref name="outputDirectory"/>: small hash spaces, one setting.</summary>
    public static MulticlassTrainingOptions Options(string outputDirectory, bool firstLineModel = false) => new()
    {
        Name = "topic",
        OutputDirectory = outputDirectory,
        Command = "test",
        DataDescription = "test rows",
        WordBits = 12,
        CharBits = 12,
        L2Candidates = [0.01f],
        BalanceCandidates = [0],
        TrySelfTraining = false,
        FirstLineModel = firstLineModel,
    };
}
