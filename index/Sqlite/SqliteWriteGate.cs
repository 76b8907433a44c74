namespace Monitor.Index.Sqlite;

/// <summary>
/// This process's writers one at a time, in arrival order, except that deliveries go first: a WeChat callback waits
/// for its group commit while the pipeline saves batches back to back, and WeChat gives it 5 s. With a plain semaphore
/// a delivery queued behind every save and fold already waiting (bench/README.md: the callback accepted 277/s of an
/// offered 1,000 at a million); now it waits for the writer in progress only.
/// </summary>
internal sealed class SqliteWriteGate
{
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _deliveries = new();
    private readonly Queue<TaskCompletionSource> _others = new();
    private bool _held;

    /// <summary>Waits until this caller holds the gate; <see cref="Release"/> hands it to the next.</summary>
    public async Task WaitAsync(bool delivery, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        TaskCompletionSource turn;
        lock (_lock)
        {
            if (!_held)
            {
                _held = true;
                return;
            }

            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (delivery ? _deliveries : _others).Enqueue(turn);
        }

        // A cancelled waiter stays queued as a cancelled turn; Release skips it.
        using (cancellationToken.Register(static state => ((TaskCompletionSource)state!).TrySetCanceled(), turn))
        {
            await turn.Task;
        }
    }

    public void Release()
    {
        while (true)
        {
            TaskCompletionSource? next;
            lock (_lock)
            {
                if (!_deliveries.TryDequeue(out next) && !_others.TryDequeue(out next))
                {
                    _held = false;
                    return;
                }
            }

            // Still held: handed straight to the next waiter, unless that one gave up meanwhile.
            if (next.TrySetResult())
            {
                return;
            }
        }
    }
}
