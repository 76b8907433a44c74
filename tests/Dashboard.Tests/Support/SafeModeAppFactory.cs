using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Monitor.Dashboard.Tests.Support;

/// <summary>The app with safe (AES) mode configured, with the key of the official WXBizMsgCrypt sample.</summary>
public sealed class SafeModeAppFactory : MonitorAppFactory
{
    public const string EncodingAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    public const string AppId = "wx2c2769f8efd9abc2";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeChat:EncodingAESKey"] = EncodingAesKey,
            ["WeChat:AppId"] = AppId,
        }));
    }
}
