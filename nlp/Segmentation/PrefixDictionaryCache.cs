using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Monitor.Nlp.Segmentation;

/// <summary>
/// A binary copy of the trie built from jieba's <c>dict.txt</c>, in a per-user temp folder, keyed by the file's path, size and
/// time: loading it takes a few tens of milliseconds where parsing the text takes a few hundred. Best effort: any problem
/// reading or writing it falls back to parsing, and a stale, damaged or foreign file (key, bounds, XxHash3 of the
/// arrays) is never used.
/// </summary>
internal static class PrefixDictionaryCache
{
    private const int Magic = 0x4A50_4432; // "JPD2"

    public static PrefixDictionaryBuilder LoadMainDictionary(string dictionaryPath)
    {
        var cachePath = CachePath(dictionaryPath);
        if (cachePath is not null && TryRead(cachePath) is { } cached)
        {
            return cached;
        }

        var builder = new PrefixDictionaryBuilder();
        builder.AddMainDictionary(dictionaryPath);
        if (cachePath is not null)
        {
            TryWrite(cachePath, builder);
        }

        return builder;
    }

    internal static string? CachePath(string dictionaryPath)
    {
        try
        {
            var file = new FileInfo(dictionaryPath);
            var key = $"{file.FullName}|{file.Length}|{file.LastWriteTimeUtc.Ticks}|{typeof(PrefixDictionaryCache).Assembly.ManifestModule.ModuleVersionId}";
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 8));
            return Path.Combine(Path.GetTempPath(), $"monitor-segmenter-{Environment.UserName}", $"dict-{hash}.bin");
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static PrefixDictionaryBuilder? TryRead(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            using var reader = new BinaryReader(File.OpenRead(path));
            if (reader.ReadInt32() != Magic)
            {
                return null;
            }

            var edgeCount = reader.ReadInt32();
            var wordCount = reader.ReadInt32();
            var total = reader.ReadDouble();
            var tagCount = reader.ReadInt32();
            if (tagCount is < 0 or > byte.MaxValue)
            {
                return null;
            }

            var tagTable = new string?[tagCount + 1];
            for (var i = 1; i < tagTable.Length; i++)
            {
                tagTable[i] = string.Intern(reader.ReadString());
            }

            var hash = new XxHash3();
            var rootChildren = ReadArray<int>(reader, hash);
            var edgeKeys = ReadArray<long>(reader, hash);
            var edgeChildren = ReadArray<int>(reader, hash);
            var frequencies = ReadArray<int>(reader, hash);
            var tagIndexes = ReadArray<byte>(reader, hash);
            if (reader.ReadUInt64() != hash.GetCurrentHashAsUInt64() || rootChildren.Length != char.MaxValue + 1 || edgeKeys.Length != edgeChildren.Length || frequencies.Length != tagIndexes.Length
                || !System.Numerics.BitOperations.IsPow2(edgeKeys.Length) || edgeCount * 2 > edgeKeys.Length || reader.ReadInt32() != Magic
                || !AllNodes(rootChildren, frequencies.Length) || !AllNodes(edgeChildren, frequencies.Length))
            {
                return null;
            }

            var tags = new string?[tagIndexes.Length];
            for (var i = 0; i < tags.Length; i++)
            {
                tags[i] = tagTable[tagIndexes[i]];
            }

            return new PrefixDictionaryBuilder(rootChildren, edgeKeys, edgeChildren, edgeCount, frequencies, tags, total, wordCount);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException or FormatException
                                       or OverflowException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>A damaged or planted file must not send a cut out of the arrays: every child is a node.</summary>
    private static bool AllNodes(int[] children, int nodeCount)
    {
        foreach (var child in children)
        {
            if ((uint)child >= (uint)nodeCount)
            {
                return false;
            }
        }

        return true;
    }

    private static void TryWrite(string path, PrefixDictionaryBuilder builder)
    {
        var distinctTags = builder.Tags.Where(t => t is not null).Distinct(StringComparer.Ordinal).ToList();
        if (distinctTags.Count > byte.MaxValue)
        {
            return;
        }

        var temporary = path + "." + Environment.ProcessId + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var writer = new BinaryWriter(File.Create(temporary)))
            {
                writer.Write(Magic);
                writer.Write(builder.EdgeCount);
                writer.Write(builder.WordCount);
                writer.Write(builder.Total);
                writer.Write(distinctTags.Count);
                foreach (var tag in distinctTags)
                {
                    writer.Write(tag!);
                }

                var hash = new XxHash3();
                WriteArray<int>(writer, builder.RootChildren, hash);
                WriteArray<long>(writer, builder.EdgeKeys, hash);
                WriteArray<int>(writer, builder.EdgeChildren, hash);
                WriteArray<int>(writer, CollectionsMarshal.AsSpan(builder.Frequencies), hash);
                var indexes = builder.Tags.Select(t => t is null ? (byte)0 : (byte)(distinctTags.IndexOf(t) + 1)).ToArray();
                WriteArray<byte>(writer, indexes, hash);
                writer.Write(hash.GetCurrentHashAsUInt64());
                writer.Write(Magic);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Best effort only; the next start parses dict.txt again.
            }
        }
    }

    private static T[] ReadArray<T>(BinaryReader reader, XxHash3 hash)
        where T : unmanaged
    {
        var length = reader.ReadInt32();
        var remaining = reader.BaseStream.Length - reader.BaseStream.Position;
        if (length < 0 || (long)length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() > remaining)
        {
            throw new EndOfStreamException();
        }

        var array = new T[length];
        var bytes = MemoryMarshal.AsBytes(array.AsSpan());
        if (reader.Read(bytes) != bytes.Length)
        {
            throw new EndOfStreamException();
        }

        hash.Append(bytes);
        return array;
    }

    private static void WriteArray<T>(BinaryWriter writer, ReadOnlySpan<T> array, XxHash3 hash)
        where T : unmanaged
    {
        writer.Write(array.Length);
        writer.Write(MemoryMarshal.AsBytes(array));
        hash.Append(MemoryMarshal.AsBytes(array));
    }
}
