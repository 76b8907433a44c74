using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Monitor.Index.Sqlite;

/// <summary>
/// How a connection waits for the write lock another process holds: it tries again every millisecond, for up to
/// <see cref="Limit"/>.
/// </summary>
/// <remarks>
/// SQLite's own busy handler (installed by <c>PRAGMA busy_timeout</c>) sleeps 1, 2, 5, 10 … up to 100 ms between tries,
/// so when serve's pipeline, its callback and the <c>monitor import</c> processes share the file, the lock often lies
/// free for tens of milliseconds while every waiter sleeps, and whoever is mid-sleep loses its turn to a writer that
/// just came back. Trying again every millisecond hands the lock over within about a millisecond of each commit.
/// SQLitePCLRaw does not expose <c>sqlite3_busy_handler</c>, so it is called in the same native library the provider
/// loaded; where that library or entry point is missing the connection keeps SQLite's handler (same limit).
/// </remarks>
internal static unsafe partial class SqliteBusyWait
{
    /// <summary>How long a writer waits for the lock before SQLite reports SQLITE_BUSY (as the 30 s busy timeout did).</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static readonly long LimitTicks = (long)(Limit.TotalSeconds * Stopwatch.Frequency);
    private static bool _unavailable;

    private static long _tries;

    // SQLite calls the handler on the thread that is waiting, with 0 on the first try of each wait.
    [ThreadStatic]
    private static long _waitStartedAt;

    /// <summary>Whether the millisecond handler is in use on this platform (false: SQLite's own handler is).</summary>
    public static bool Available => !Volatile.Read(ref _unavailable);

    /// <summary>How many times a connection in this process found the lock taken and tried again a millisecond later.</summary>
    public static long Tries => Interlocked.Read(ref _tries);

    /// <summary>Installs the handler on <paramref name="connection"/>; call after any <c>PRAGMA busy_timeout</c>, which replaces it.</summary>
    public static void Install(SqliteConnection connection)
    {
        if (Volatile.Read(ref _unavailable))
        {
            return;
        }

        try
        {
            var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
            var result = sqlite3_busy_handler(handle.DangerousGetHandle(), &OnBusy, IntPtr.Zero);
            if (result != 0)
            {
                throw new SqliteException($"sqlite3_busy_handler failed with {result}.", result);
            }
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            // Another SQLite provider: its busy_timeout handler stays, which is slower to hand over but correct.
            Volatile.Write(ref _unavailable, true);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnBusy(IntPtr argument, int triesSoFar)
    {
        var now = Stopwatch.GetTimestamp();
        if (triesSoFar == 0)
        {
            _waitStartedAt = now;
        }
        else if (now - _waitStartedAt >= LimitTicks)
        {
            return 0;
        }

        Interlocked.Increment(ref _tries);
        Thread.Sleep(1);
        return 1;
    }

    [LibraryImport("e_sqlite3")]
    private static partial int sqlite3_busy_handler(IntPtr database, delegate* unmanaged[Cdecl]<IntPtr, int, int> handler, IntPtr argument);
}
