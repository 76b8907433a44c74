using System.Text.Json;
using Monitor.Dashboard.Tests.Support;

namespace Monitor.Dashboard.Tests.Cli;

/// <summary>The verbs as a script uses them: the real executable, stdin in, stdout out, exit codes.</summary>
public sealed class CommandLineTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("segment", "--mode", "sideways")]
    [InlineData("export", "--format", "xml")]
    [InlineData("classify")]
    public async Task UnknownVerbsAndBadOptionsPrintUsageAndExitTwo(params string[] args)
    {
        var (exit, _, stderr) = await MonitorProcess.RunAsync(args, null, Token);

        Assert.Equal(2, exit);
        Assert.Contains("Usage", stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SegmentWritesOneLineOfSpaceSeparatedTokensPerInputLine()
    {
        var (exit, stdout, stderr) = await MonitorProcess.RunAsync(["segment"], "我来到北京清华大学\n\n  \n小明硕士毕业于中国科学院计算所\n", Token);

        Assert.True(exit == 0, stderr);
        Assert.Equal(["我 来到 北京 清华大学", "", "", "小明 硕士 毕业 于 中国科学院 计算所"], stdout.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task ClassifySentimentAnswersEveryLineInOrderAndFlagsBadLines()
    {
        const string input = """
            {"id":"a","text":"服务态度非常好，问题当天就解决了，谢谢！"}
            not json
            {"id":7,"text":"垃圾堆了一个月没人管，臭死了，太差劲了"}
            """;

        var (exit, stdout, stderr) = await MonitorProcess.RunAsync(["classify", "sentiment"], input + "\n", Token);

        Assert.Equal(1, exit);
        var lines = stdout.TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal("a", lines[0].GetProperty("id").GetString());
        Assert.Equal("positive", lines[0].GetProperty("label").GetString());
        Assert.Equal(2, lines[1].GetProperty("line").GetInt32());
        Assert.Equal(7, lines[2].GetProperty("id").GetInt32());
        Assert.Equal("negative", lines[2].GetProperty("label").GetString());
        Assert.InRange(lines[2].GetProperty("score").GetDouble(), 0.5, 1.0);
        Assert.Contains("line 2", stderr, StringComparison.Ordinal);
    }
}
