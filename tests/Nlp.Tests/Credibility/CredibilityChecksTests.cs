using Monitor.Nlp.Credibility;

namespace Monitor.Nlp.Tests.Credibility;

public sealed class CredibilityChecksTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void AComplaintAfterTheAccountDeclaredItSolvedIsFlaggedWithBothSpans()
    {
        ThreadEntry[] thread =
        [
            new("m1", T0, "幸福小区门口污水横流，臭味很大", FromAccount: false),
            new("r1", T0.AddDays(2), "您好，经核查，该问题已整改完毕。", FromAccount: true),
            new("m2", T0.AddDays(5), "门口污水还是没人管", FromAccount: false),
        ];

        var flag = Assert.Single(CredibilityChecks.RepeatedAfterSolved(thread));

        Assert.Equal(CredibilitySignalKinds.RepeatedAfterSolved, flag.Kind);
        Assert.Equal(2, flag.Evidence.Count);
        Assert.Equal(("r1", "已整改完毕"), (flag.Evidence[0].MessageId, flag.Evidence[0].Text));
        Assert.Equal("还是", "门口污水还是没人管".Substring(flag.Evidence[1].Start, flag.Evidence[1].Length));
        Assert.Contains("3 days later", flag.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameIssueAgainWithoutMarkersIsFoundByOverlapAndADifferentIssueIsNot()
    {
        ThreadEntry[] sameIssue =
        [
            new("m1", T0, "幸福小区门口污水横流，臭味很大", FromAccount: false),
            new("r1", T0.AddDays(1), "收到，我们会安排处理。", FromAccount: true, ResolvedHere: true),
            new("m2", T0.AddDays(3), "幸福小区门口的污水横流", FromAccount: false),
        ];
        ThreadEntry[] otherIssue = [sameIssue[0], sameIssue[1], new("m3", T0.AddDays(3), "请问公积金怎么提取", FromAccount: false)];

        var flag = Assert.Single(CredibilityChecks.RepeatedAfterSolved(sameIssue));
        Assert.Equal("r1", flag.Evidence[0].MessageId);
        Assert.Equal("m2", flag.Evidence[1].MessageId);
        Assert.Empty(CredibilityChecks.RepeatedAfterSolved(otherIssue));
    }

    [Fact]
    public void NoDeclarationMeansNoFlagEvenWhenTheCitizenRepeats()
    {
        ThreadEntry[] thread =
        [
            new("m1", T0, "路灯坏了", FromAccount: false),
            new("r1", T0.AddDays(1), "收到，已转交相关部门。", FromAccount: true),
            new("m2", T0.AddDays(3), "路灯还是坏的", FromAccount: false),
        ];

        Assert.Empty(CredibilityChecks.RepeatedAfterSolved(thread));
    }

    [Fact]
    public void NegativeCommentsLeftUnansweredPastTheWindowAreFlagged()
    {
        var asOf = T0.AddDays(3);
        PostComment[] comments =
        [
            new("c1", T0, "说了多少次了，通报内容不实", 0.95, IsFeatured: false, IsAnswered: false),
            new("c2", T0, "又是这样，没人管", 0.9, IsFeatured: false, IsAnswered: true),
            new("c3", asOf.AddHours(-2), "太差了。敷衍", 0.9, IsFeatured: false, IsAnswered: false),
            new("c4", T0, "点赞，辛苦了", 0.05, IsFeatured: true, IsAnswered: false),
        ];

        var flag = CredibilityChecks.UnansweredNegativeComments(comments, asOf);

        Assert.NotNull(flag);
        Assert.Equal(CredibilitySignalKinds.UnansweredNegative, flag.Kind);
        Assert.All(flag.Evidence, e => Assert.Equal("c1", e.MessageId));
        Assert.Contains(flag.Evidence, e => e.Text == "不实" && comments[0].Text.Substring(e.Start, e.Length) == "不实");
        Assert.StartsWith("1 of 3 negative comments (of 4)", flag.Reason, StringComparison.Ordinal);
        Assert.Null(CredibilityChecks.UnansweredNegativeComments(comments, T0.AddHours(47)));
    }

    [Fact]
    public void FeaturingOnlyPraiseWhileMostCommentsAreNegativeIsAGap()
    {
        PostComment[] comments =
        [
            new("f1", T0, "点赞，辛苦了", 0.05, IsFeatured: true, IsAnswered: false),
            new("f2", T0, "为政府点赞", 0.15, IsFeatured: true, IsAnswered: false),
            new("n1", T0, "摆拍吧。问题根本没解决", 0.97, IsFeatured: false, IsAnswered: false),
            new("n2", T0, "敷衍了事", 0.9, IsFeatured: false, IsAnswered: false),
            new("n3", T0, "没用", 0.8, IsFeatured: false, IsAnswered: false),
        ];

        var flag = CredibilityChecks.FeaturedSentimentGap(comments);

        Assert.NotNull(flag);
        Assert.Equal(CredibilitySignalKinds.FeaturedGap, flag.Kind);
        Assert.Equal("摆拍", flag.Evidence[0].Text);
        Assert.Equal("n1", flag.Evidence[0].MessageId);
        Assert.DoesNotContain(flag.Evidence, e => e.MessageId.StartsWith('f'));
        Assert.Contains("featured comments 90% positive (2), all comments 43% (5)", flag.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FeaturedCommentsLikeTheRestAreNoGap()
    {
        PostComment[] comments =
        [
            new("f1", T0, "点赞", 0.1, IsFeatured: true, IsAnswered: false),
            new("f2", T0, "太慢了", 0.9, IsFeatured: true, IsAnswered: false),
            new("a1", T0, "好", 0.1, IsFeatured: false, IsAnswered: false),
            new("a2", T0, "差", 0.9, IsFeatured: false, IsAnswered: false),
            new("a3", T0, "还行", 0.4, IsFeatured: false, IsAnswered: false),
        ];

        Assert.Null(CredibilityChecks.FeaturedSentimentGap(comments));
        Assert.Null(CredibilityChecks.FeaturedSentimentGap(comments.Take(3).ToList()));
    }
}
