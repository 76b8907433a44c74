namespace Monitor.Ingest.WeChat;

/// <summary>Which configured EncodingAESKey decrypted a push; the reply must use the same one.</summary>
public enum WeChatKeySlot
{
    Current,
    Previous,
}
