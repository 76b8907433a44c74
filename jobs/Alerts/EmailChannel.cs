using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Monitor.Jobs.Alerts;

/// <summary>E-mail through an SMTP relay with MailKit; subject = the digest's title, body = its reasons and links.</summary>
internal sealed class EmailChannel(IOptions<AlertOptions> options) : IAlertChannel
{
    public string Name => "email";

    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.Email.Host);

    public static MimeMessage Message(AlertDigest digest, AlertEmailOptions email)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(email);
        var message = new MimeMessage { Subject = digest.Title, Date = digest.At };
        message.From.Add(MailboxAddress.Parse(email.From!));
        foreach (var to in email.To)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Body = new TextPart("plain") { Text = digest.PlainText() };
        return message;
    }

    public async Task SendAsync(AlertDigest digest, CancellationToken cancellationToken)
    {
        var email = options.Value.Email;
        using var message = Message(digest, email);
        using var client = new SmtpClient();
        await client.ConnectAsync(email.Host!, email.Port, Enum.Parse<SecureSocketOptions>(email.Security, ignoreCase: true), cancellationToken);
        if (!string.IsNullOrEmpty(email.UserName))
        {
            await client.AuthenticateAsync(email.UserName, email.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
