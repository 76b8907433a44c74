using System.Runtime.CompilerServices;

namespace Monitor.Ingest.Import;

/// <summary>
/// Splits a stream into raw lines (without the line break) with their 1-based numbers, so each line's
/// encoding and syntax can be judged on its own. A line above <see cref="MaxLineBytes"/> is cut and flagged.
/// </summary>
internal static class Utf8LineReader
{
    public const int MaxLineBytes = 1024 * 1024;

    internal readonly record struct Line(long Number, byte[] Bytes, bool Truncated);

    public static async IAsyncEnumerable<Line> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var current = new MemoryStream();
        var truncated = false;
        long number = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }

                Append(current, buffer.AsSpan(start, i - start), ref truncated);
                yield return new Line(++number, Finish(current), truncated);
                truncated = false;
                start = i + 1;
            }

            Append(current, buffer.AsSpan(start, read - start), ref truncated);
        }

        if (current.Length > 0 || truncated)
        {
            yield return new Line(++number, Finish(current), truncated);
        }
    }

    private static void Append(MemoryStream current, ReadOnlySpan<byte> bytes, ref bool truncated)
    {
        var room = MaxLineBytes - (int)current.Length;
        if (bytes.Length > room)
        {
            truncated = true;
            bytes = bytes[..Math.Max(room, 0)];
        }

        current.Write(bytes);
    }

    private static byte[] Finish(MemoryStream current)
    {
        var bytes = current.ToArray();
        current.SetLength(0);
        var length = bytes.Length;
        if (length > 0 && bytes[length - 1] == (byte)'\r')
        {
            length--;
        }

        return length == bytes.Length ? bytes : bytes[..length];
    }
}
