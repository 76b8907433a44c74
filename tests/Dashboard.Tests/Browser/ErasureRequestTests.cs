using System.Globalization;
using Microsoft.Playwright;
using Monitor.Dashboard.Tests.Support;

namespace Monitor.Dashboard.Tests.Browser;

/// <summary>An admin asks to erase a citizen from the admin page; the retention duty carries it out at once.</summary>
public sealed class ErasureRequestTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public ErasureRequestTests(BrowserFixture browser)
    {
        _browser = browser;
        RoleUsers.Create(browser.App);
    }

    [Fact]
    public async Task AdminErasesAPseudonymAndItsMessagesGetANewUnlinkableOne()
    {
        var token = TestContext.Current.CancellationToken;
        var msgId = Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture);
        await _browser.PostAsync(SignedDelivery.TextXml(msgId, "请删除我在公众号留下的所有信息"));
        var stored = (await _browser.App.Store.LatestAsync(500, null, token)).Single(m => m.Message.SourceId == msgId);
        var pseudonym = stored.Message.Author!;
        Assert.StartsWith("u_", pseudonym, StringComparison.Ordinal);
        var page = await SignInAsync("admin", "/admin");

        await page.FillAsync("#erasure input[name=pseudonym]", pseudonym);
        await page.ClickAsync("#erasure button[type=submit]");
        await page.Locator("#erasure-requests tbody tr", new PageLocatorOptions { HasText = pseudonym[..6] }).First.WaitForAsync();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await _browser.App.Store.LatestAsync(500, null, token)).Any(m => m.Message.Author == pseudonym))
        {
            Assert.True(DateTime.UtcNow < deadline, "the erasure was not carried out within 60 s");
            await Task.Delay(200, token);
        }

        var erased = (await _browser.App.Store.LatestAsync(500, null, token)).Single(m => m.Id == stored.Id);
        Assert.StartsWith("x_", erased.Message.Author, StringComparison.Ordinal);
        await page.ReloadAsync();
        await page.Locator("#erasure-requests tbody tr", new PageLocatorOptions { HasText = "…" }).First.WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Screenshots, "admin-erasure.png"), FullPage = true });
        Assert.DoesNotContain(pseudonym, await page.Locator("#erasure-requests").InnerTextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    private async Task<IPage> SignInAsync(string role, string path)
    {
        var context = await _browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _browser.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login?returnUrl=" + Uri.EscapeDataString(path));
        await page.FillAsync("input[name=userName]", "user-" + role);
        await page.FillAsync("input[name=password]", RoleUsers.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("body[data-loaded=true]");
        return page;
    }
}
