using Monitor.Index.Sqlite;

namespace Monitor.Index.Tests.Sqlite;

public sealed class SqliteWriteGateTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWaitingDeliveryGoesBeforeOtherWritersThatCameEarlierAndTheRestKeepTheirOrder()
    {
        var gate = new SqliteWriteGate();
        await gate.WaitAsync(delivery: false, Token);

        var order = new List<string>();
        async Task Writer(string name, bool delivery)
        {
            await gate.WaitAsync(delivery, Token);
            lock (order)
            {
                order.Add(name);
            }

            gate.Release();
        }

        var save1 = Writer("save 1", delivery: false);
        var save2 = Writer("save 2", delivery: false);
        var callback = Writer("callback", delivery: true);
        Assert.False(save1.IsCompleted || save2.IsCompleted || callback.IsCompleted);

        gate.Release();
        await Task.WhenAll(save1, save2, callback);
        Assert.Equal(["callback", "save 1", "save 2"], order);
    }

    [Fact]
    public async Task AWriterThatGaveUpIsSkippedAndTheGateStillPassesOn()
    {
        var gate = new SqliteWriteGate();
        await gate.WaitAsync(delivery: false, Token);
        using var giveUp = new CancellationTokenSource();
        var abandoned = gate.WaitAsync(delivery: true, giveUp.Token);
        var next = gate.WaitAsync(delivery: false, Token);

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.False(next.IsCompleted);

        gate.Release();
        await next.WaitAsync(TimeSpan.FromSeconds(10), Token);
        gate.Release();

        // Free again: the next caller gets it at once.
        Assert.True(gate.WaitAsync(delivery: false, Token).IsCompleted);
    }
}
