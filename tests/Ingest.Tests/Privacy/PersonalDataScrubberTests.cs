using Monitor.Ingest.Privacy;
using Monitor.Ingest.Tests.Support;

namespace Monitor.Ingest.Tests.Privacy;

public sealed class PersonalDataScrubberTests
{
    private readonly Pseudonymizer pseudonymizer = Some.Pseudonymizer();
    private readonly PersonalDataScrubber scrubber = new(Some.Pseudonymizer());

    [Theory]
    [InlineData("13800138000")]
    [InlineData("138-0013-8000")]
    [InlineData("138 0013 8000")]
    [InlineData("+86 13800138000")]
    [InlineData("+86-138-0013-8000")]
    public void MobileNumbersInAnyWritingGetTheSamePseudonym(string phone)
    {
        var result = scrubber.Scrub($"请联系我{phone}，谢谢");

        var expected = pseudonymizer.Pseudonymize("13800138000");
        Assert.Equal($"请联系我[手机:{expected}]，谢谢", result.Text);
        var match = Assert.Single(result.Replacements);
        Assert.Equal((PersonalDataKind.Phone, expected, 4, phone.Length), (match.Kind, match.Pseudonym, match.Start, match.Length));
    }

    [Theory]
    [InlineData("12800138000")]
    [InlineData("238001380001")]
    [InlineData("1380013800")]
    [InlineData("留言编号138001380001")]
    public void NumbersThatAreNotMobileNumbersAreLeftAlone(string text) =>
        Assert.False(scrubber.Scrub(text).Changed);

    [Fact]
    public void AnIdNumberWithAValidChecksumIsReplaced()
    {
        var result = scrubber.Scrub("身份证号11010519491231002x，住址保密");
        Assert.Equal($"身份证号[身份证:{pseudonymizer.Pseudonymize("11010519491231002X")}]，住址保密", result.Text);
        Assert.Equal(PersonalDataKind.IdCard, Assert.Single(result.Replacements).Kind);
    }

    [Theory]
    [InlineData("110105194912310021")]
    [InlineData("110105194913310027")]
    public void AnIdNumberWithABadChecksumOrDateIsNotAnIdNumber(string id)
    {
        var result = scrubber.Scrub("号码" + id);
        Assert.DoesNotContain(result.Replacements, r => r.Kind == PersonalDataKind.IdCard);
    }

    [Fact]
    public void EmailsLandlinesAndCardNumbersAreReplacedTogether()
    {
        var result = scrubber.Scrub("邮箱 Zhang.San@Example.com.cn 电话0731-88886666 卡号6222 0212 3456 7894 身份证440304199001011233 手机13912345678");

        Assert.Equal(
            [PersonalDataKind.Email, PersonalDataKind.Landline, PersonalDataKind.BankCard, PersonalDataKind.IdCard, PersonalDataKind.Phone],
            result.Replacements.Select(r => r.Kind));
        Assert.Contains($"[邮箱:{pseudonymizer.Pseudonymize("zhang.san@example.com.cn")}]", result.Text, StringComparison.Ordinal);
        Assert.Contains($"[电话:{pseudonymizer.Pseudonymize("073188886666")}]", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("8888", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("6222", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("1391", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TextWithoutPersonalDataIsReturnedAsIs()
    {
        const string Text = "A3区杜鹃文苑小区外的非法汽车检测站要开业了！2019年4月以来，水4.23一吨。";
        var result = scrubber.Scrub(Text);
        Assert.Same(Text, result.Text);
        Assert.Empty(result.Replacements);
    }

    [Fact]
    public void PseudonymForMatchesWhatScrubbingProduced()
    {
        var result = scrubber.Scrub("手机138-0013-8000");
        Assert.Equal(result.Replacements[0].Pseudonym, scrubber.PseudonymFor(PersonalDataKind.Phone, "+86 138 0013 8000"));
        Assert.Null(scrubber.PseudonymFor(PersonalDataKind.IdCard, "110105194912310021"));
    }

    [Fact]
    public async Task APersonIsErasedThroughTheRegistry()
    {
        var registry = new InMemoryPseudonymRegistry();
        var seen = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var result = scrubber.Scrub("我的手机13800138000，邮箱a@b.cn");
        await registry.RecordAsync(result.Replacements.Select(r => new PseudonymEntry(r.Pseudonym, r.Kind, seen)), TestContext.Current.CancellationToken);

        var person = new[] { scrubber.PseudonymFor(PersonalDataKind.Phone, "138 0013 8000")!, scrubber.PseudonymFor(PersonalDataKind.Email, "A@B.cn")! };
        var found = await registry.FindAsync(person, TestContext.Current.CancellationToken);
        Assert.Equal([PersonalDataKind.Phone, PersonalDataKind.Email], found.Select(f => f.Kind));

        Assert.Equal(2, await registry.ForgetAsync(person, TestContext.Current.CancellationToken));
        Assert.Empty(await registry.FindAsync(person, TestContext.Current.CancellationToken));
        Assert.Equal(0, registry.Count);
    }
}
