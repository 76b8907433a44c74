namespace Monitor.Index.Retention;

/// <summary>
/// A person's messages before and after an erasure. Event messages change their source id (it carried the
/// pseudonym), so a copy must delete <see cref="Before"/> and write <see cref="After"/>, not only overwrite.
/// </summary>
public sealed record PersonErasure(IReadOnlyList<StoredMessage> Before, IReadOnlyList<StoredMessage> After)
{
    public int Erased => After.Count;
}
