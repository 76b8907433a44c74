using System.Globalization;
using Monitor.Index;
using Monitor.Ingest.Dedup;

namespace Monitor.Jobs.Pipeline;

/// <summary>
/// Links reposts and copy-paste campaigns: each analysed message gets a 64-bit SimHash and the cluster of the nearest
/// earlier message within 3 bits (or a cluster of its own). The index lives in memory and is rebuilt from the store's
/// last 90 days on first use, so clusters survive restarts. It keeps at most the newest <see cref="MaxIndexed"/>
/// messages: far more than 90 days of a county's account, and a bound on memory for a province-wide store, whose
/// index held every message analysed since start (about 200 MiB at a million).
/// </summary>
public sealed class NearDuplicateClusters(IMessageStore store, TimeProvider time) : IDisposable
{
    internal const int MaxIndexed = 200_000;
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(90);
    private readonly NearDuplicateIndex _index = new(MaxIndexed);
    private readonly SemaphoreSlim _seed = new(1, 1);
    private bool _seeded;

    public async Task<NearDuplicate> AssignAsync(long messageId, string text, CancellationToken cancellationToken)
    {
        await EnsureSeededAsync(cancellationToken);
        var fingerprint = SimHash.OfText(Normalise(text));
        var match = _index.Add(messageId.ToString(CultureInfo.InvariantCulture), fingerprint);
        return new NearDuplicate(fingerprint, long.Parse(match.ClusterId, CultureInfo.InvariantCulture));
    }

    public void Dispose() => _seed.Dispose();

    /// <summary>
    /// What a repost changes without changing the message: punctuation, spacing, emoji and the repost markers people
    /// add at either end (转发, 转载, 转). On short texts each of them would flip several SimHash bits.
    /// </summary>
    internal static string Normalise(string text)
    {
        var letters = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                letters.Append(char.ToLowerInvariant(c));
            }
        }

        var core = letters.ToString();
        foreach (var marker in RepostMarkers)
        {
            if (core.Length > marker.Length * 4 && core.StartsWith(marker, StringComparison.Ordinal))
            {
                core = core[marker.Length..];
            }

            if (core.Length > marker.Length * 4 && core.EndsWith(marker, StringComparison.Ordinal))
            {
                core = core[..^marker.Length];
            }
        }

        return core.Length > 0 ? core : text;
    }

    private static readonly string[] RepostMarkers = ["转发微博", "转发", "转载", "转"];

    private async Task EnsureSeededAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _seeded))
        {
            return;
        }

        await _seed.WaitAsync(cancellationToken);
        try
        {
            if (!_seeded)
            {
                await foreach (var (id, known) in store.NearDuplicatesAsync(time.GetUtcNow() - Horizon, cancellationToken))
                {
                    _index.Add(id.ToString(CultureInfo.InvariantCulture), known.Fingerprint, known.ClusterId.ToString(CultureInfo.InvariantCulture));
                }

                Volatile.Write(ref _seeded, true);
            }
        }
        finally
        {
            _seed.Release();
        }
    }
}
