using Microsoft.Extensions.Options;
using Monitor.Ingest.WeChat;

namespace Monitor.Dashboard.WeChat;

/// <summary>The safe-mode cipher built once from the options; null in plain mode (no EncodingAESKey configured).</summary>
internal sealed class WeChatCallbackCrypto(IOptions<WeChatOptions> options)
{
    private readonly Lazy<WeChatMessageCrypt?> _crypt = new(() => WeChatMessageCrypt.Create(options.Value));

    public WeChatMessageCrypt? Crypt => _crypt.Value;
}
