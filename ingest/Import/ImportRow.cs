using System.Diagnostics.CodeAnalysis;

namespace Monitor.Ingest.Import;

/// <summary>One row of an import: an accepted message, or every reason the row was rejected.</summary>
public sealed record ImportRow
{
    private ImportRow(long line, Message? message, IReadOnlyList<Rejection> rejections)
    {
        Line = line;
        Message = message;
        Rejections = rejections;
    }

    /// <summary>The 1-based line where the row starts.</summary>
    public long Line { get; }

    public Message? Message { get; }

    /// <summary>Empty when accepted; otherwise one entry per failing field, all for this row.</summary>
    public IReadOnlyList<Rejection> Rejections { get; }

    [MemberNotNullWhen(true, nameof(Message))]
    public bool IsAccepted => Message is not null;

    /// <summary>The first rejection, or null when accepted.</summary>
    public Rejection? Rejection => Rejections.Count > 0 ? Rejections[0] : null;

    public static ImportRow Accepted(long line, Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(line, message, []);
    }

    public static ImportRow Rejected(IReadOnlyList<Rejection> rejections)
    {
        ArgumentNullException.ThrowIfNull(rejections);
        if (rejections.Count == 0)
        {
            throw new ArgumentException("A rejected row needs at least one rejection.", nameof(rejections));
        }

        return new(rejections[0].Line, null, rejections);
    }

    public static ImportRow Rejected(Rejection rejection) => Rejected([rejection]);
}
