using System.Globalization;
using Microsoft.Playwright;
using Monitor.Dashboard.Tests.Support;

namespace Monitor.Dashboard.Tests.Browser;

public sealed class LatestMessagesPageTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public LatestMessagesPageTests(BrowserFixture browser) => _browser = browser;

    [Fact]
    public async Task SignedInUserSeesANewMessageWithItsSentimentWithoutReloading()
    {
        var page = await _browser.SignedInPageAsync();
        var msgId = Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture);
        const string text = "感谢网格员上门帮我母亲办好了医保，服务特别热情，非常满意！";

        await _browser.PostAsync(SignedDelivery.TextXml(msgId, text));

        var row = page.Locator("#latest tbody tr", new PageLocatorOptions { HasText = text });
        await row.Locator("[data-sentiment]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        Assert.Equal("positive", await row.Locator("[data-sentiment]").GetAttributeAsync("data-sentiment"));
        Assert.Equal("正面", (await row.Locator("[data-sentiment]").TextContentAsync())?.Trim());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Screenshots, "latest-messages.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task MessageTextContainingScriptAndHtmlIsShownAsText()
    {
        var page = await _browser.SignedInPageAsync();
        var msgId = Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture);
        const string hostile = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">投诉<b>加粗</b>";

        await _browser.PostAsync(SignedDelivery.TextXml(msgId, hostile));

        var cell = page.Locator("#latest tbody td.text", new PageLocatorOptions { HasText = "window.__pwned=1" });
        await cell.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        Assert.Equal(hostile, await cell.TextContentAsync());
        Assert.Equal(0, await cell.Locator("img, b, script").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__pwned"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignInPageRendersChineseAndRejectsAWrongPassword()
    {
        var context = await _browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _browser.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Screenshots, "login.png") });

        await page.FillAsync("input[name=userName]", "official-who-does-not-exist");
        await page.FillAsync("input[name=password]", "wrong");
        await page.ClickAsync("button[type=submit]");

        Assert.Equal("用户名或密码不正确。", (await page.Locator("[role=alert]").TextContentAsync())?.Trim());
        await context.CloseAsync();
    }
}
