using Monitor.Ingest.WeChat;

namespace Monitor.Ingest.Tests.WeChat;

public sealed class WeChatSignatureTests
{
    [Fact]
    public void UrlVerificationVectorFromTheOfficialDocMatches() =>
        Assert.Equal("f464b24fc39322e44b38aa78f5edd27bd1441696", WeChatSignature.Compute("AAAAA", "1714036504", "1514711492"));

    [Fact]
    public void PlainPostVectorMatches() =>
        Assert.Equal("899cf89e464efb63f54ddac96b0a0a235f53aa78", WeChatSignature.Compute("AAAAA", "1714037059", "486452656"));

    [Fact]
    public void MsgSignatureVectorFromTheOfficialSampleMatches()
    {
        const string Encrypt = "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=";
        var signature = WeChatSignature.ComputeMsgSignature("spamtest", "1409735669", "1320562132", Encrypt);
        Assert.Equal("5d197aaffba7e9b25a30732f161a50dee96bd5fa", signature);
        Assert.True(WeChatSignature.VerifyMsgSignature("spamtest", "1409735669", "1320562132", Encrypt, signature));
    }

    [Fact]
    public void VerifyAcceptsTheRightSignature() =>
        Assert.True(WeChatSignature.Verify("AAAAA", "1714036504", "1514711492", "f464b24fc39322e44b38aa78f5edd27bd1441696"));

    [Theory]
    [InlineData("f464b24fc39322e44b38aa78f5edd27bd1441697")]
    [InlineData("f464b24f")]
    [InlineData("")]
    [InlineData(null)]
    public void VerifyRejectsAWrongShortEmptyOrMissingSignature(string? signature) =>
        Assert.False(WeChatSignature.Verify("AAAAA", "1714036504", "1514711492", signature));

    [Fact]
    public void VerifyRejectsASignatureForAnotherToken() =>
        Assert.False(WeChatSignature.Verify("BBBBB", "1714036504", "1514711492", "f464b24fc39322e44b38aa78f5edd27bd1441696"));
}
