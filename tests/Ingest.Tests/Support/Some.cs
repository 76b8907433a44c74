using Monitor.Ingest.Privacy;

namespace Monitor.Ingest.Tests.Support;

internal static class Some
{
    public static byte[] Key(byte fill = 7) => Enumerable.Repeat(fill, Ingest.Privacy.Pseudonymizer.MinKeyBytes).ToArray();

    public static Pseudonymizer Pseudonymizer(byte fill = 7) => new(Key(fill));
}
