using System.Globalization;
using System.Text;
using Monitor.Ingest.Privacy;

namespace Monitor.Ingest.WeChat.Api;

/// <summary>One reader comment under an article (comment/list), with the account's reply if any.</summary>
public sealed record WeChatComment
{
    public required long MsgDataId { get; init; }

    /// <summary>The article's place in a multi-article send, from 0.</summary>
    public required int Index { get; init; }

    public required long UserCommentId { get; init; }

    /// <summary>The commenter's OpenID: personal data, absent for non-WeChat identities. Never log it.</summary>
    public string? OpenId { get; init; }

    public required DateTimeOffset CreateTime { get; init; }

    public required string Content { get; init; }

    /// <summary>comment_type 1: the account chose to show it (精选).</summary>
    public bool IsFeatured { get; init; }

    public WeChatCommentReply? Reply { get; init; }

    /// <summary>The article the comment is under, <c>&lt;msg_data_id&gt;:&lt;index&gt;</c>.</summary>
    public string ArticleKey => string.Create(CultureInfo.InvariantCulture, $"{MsgDataId}:{Index}");

    public string SourceId => string.Create(CultureInfo.InvariantCulture, $"{MsgDataId}:{Index}:{UserCommentId}");

    /// <summary>
    /// The comment as a <see cref="Message"/>: SourceKind <c>wechat-comment</c>, SourceId
    /// <c>msg_data_id:index:user_comment_id</c>, ParentId the article key, Author the OpenID's pseudonym, Kind
    /// <c>comment</c> (<c>comment:featured</c> when featured).
    /// </summary>
    public Message ToMessage(Pseudonymizer pseudonymizer, string account)
    {
        ArgumentNullException.ThrowIfNull(pseudonymizer);
        ArgumentException.ThrowIfNullOrEmpty(account);
        return new Message
        {
            SourceKind = "wechat-comment",
            SourceId = SourceId,
            Account = account,
            Author = string.IsNullOrEmpty(OpenId) ? null : pseudonymizer.Pseudonymize(OpenId),
            Time = CreateTime,
            Kind = IsFeatured ? "comment:featured" : "comment",
            Text = Content,
            ParentId = ArticleKey,
        };
    }

    /// <summary>
    /// The account's reply as a <see cref="Message"/> (SourceId <c>…:reply</c>, Kind <c>reply</c>, ParentId the comment's
    /// SourceId, no Author: the account wrote it), or null when the comment is unanswered.
    /// </summary>
    public Message? ToReplyMessage(string account)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        return Reply is null
            ? null
            : new Message
            {
                SourceKind = "wechat-comment",
                SourceId = SourceId + ":reply",
                Account = account,
                Time = Reply.CreateTime,
                Kind = "reply",
                Text = Reply.Content,
                ParentId = SourceId,
            };
    }

    /// <summary>Leaves the OpenID out, so a logged record carries no personal identifier.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture,
            $"SourceId = {SourceId}, CreateTime = {CreateTime:O}, IsFeatured = {IsFeatured}, HasOpenId = {OpenId is not null}, HasReply = {Reply is not null}");
        return true;
    }
}
