namespace Monitor.EndToEnd;

internal static class FaultsWeChat
{
    public static Task<int> RunAsync(HarnessOptions options, CancellationToken cancellationToken) => Task.FromResult(2);
}
