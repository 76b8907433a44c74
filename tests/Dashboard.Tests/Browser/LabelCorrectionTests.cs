using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Monitor.Dashboard.Tests.Support;
using Monitor.Index.Corrections;

namespace Monitor.Dashboard.Tests.Browser;

/// <summary>A responder corrects a model's label from the queue in Debian chromium; the correction is stored for retraining.</summary>
public sealed class LabelCorrectionTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public LabelCorrectionTests(BrowserFixture browser)
    {
        _browser = browser;
        RoleUsers.Create(browser.App);
    }

    [Fact]
    public async Task ResponderCorrectsTheEmotionOfAQueuedMessage()
    {
        var token = TestContext.Current.CancellationToken;
        var msgId = Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture);
        await _browser.PostAsync(SignedDelivery.TextXml(msgId, "小区门口的井盖丢了好几天，晚上路过特别害怕，孩子差点掉下去"));
        await _browser.App.WaitForAnalysisAsync(1, token);
        var stored = (await _browser.App.Store.LatestAsync(500, null, token)).Single(m => m.Message.SourceId == msgId);
        var page = await SignInAsync("responder", "/queue");

        var row = page.Locator("#queue tbody tr", new PageLocatorOptions { HasText = "井盖丢了" });
        await row.Locator("button[data-action=correct]").ClickAsync();
        await page.SelectOptionAsync("#correct-dialog select[name=task]", "emotion");
        await page.SelectOptionAsync("#correct-dialog select[name=label]", "fear");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Screenshots, "responder-correct-label.png"), FullPage = true });
        await page.ClickAsync("#correct-dialog button[value=send]");
        await page.Locator("#status", new PageLocatorOptions { HasText = "已更正" }).WaitForAsync();

        var corrections = await _browser.App.Services.GetRequiredService<ILabelCorrections>().CorrectionsOfAsync(stored.Id, token);
        var correction = Assert.Single(corrections);
        Assert.Equal(LabelTasks.Emotion, correction.Task);
        Assert.Equal("fear", correction.NewLabel);
        Assert.Equal(stored.Analysis?.Emotion?.Label, correction.OldLabel);
        Assert.Equal("user-responder", correction.By);
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
