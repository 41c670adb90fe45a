using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using WriteCache.Interop;

namespace WriteCache.Pages;

/// <summary>What happened to an incarnation in a page store, as the journal records it.</summary>
internal enum IncarnationEvent : byte
{
    /// <summary>No more writes: the file was committed.</summary>
    Sealed = 1,

    /// <summary>Persisted elsewhere: the pages are no longer pinned and may be evicted.</summary>
    Clean = 2,

    /// <summary>Gone: any page file of it left behind by a crash is removed at the next open.</summary>
    Deleted = 3,
}

/// <summary>One record of the journal.</summary>
internal readonly record struct JournalRecord(IncarnationEvent Event, Guid Incarnation);

/// <summary>
/// The page store's append-only record of seals, unpins and deletes, beside the page files. It replaces a directory
/// and marker files per incarnation: a seal is one small append, made durable by an fsync that runs beside the
/// pages' own, instead of two inode creations and a directory fsync on the commit path of every file.
/// Records are fixed-size, so a write torn by a crash can only leave a partial last record, which is ignored.
/// The journal is rewritten with only the live incarnations' records at open and whenever it grows far past them.
/// </summary>
internal sealed class PageStoreJournal : IDisposable
{
    /// <summary>The journal's file name in the pages directory.</summary>
    public const string FileName = "journal";

    private const string CompactingName = "journal.compacting";
    private const int RecordSize = 20;
    private const byte Magic = 0x57;

    /// <summary>Records tolerated beyond twice the live ones before a rewrite: rewrites stay rare and the file small.</summary>
    private const long CompactionSlack = 65536;

    private readonly Lock gate = new();
    private readonly string directory;
    private readonly string path;
    private readonly Func<IReadOnlyCollection<JournalRecord>> liveRecords;
    private SafeFileHandle handle;
    private long length;
    private bool dirty;

    private PageStoreJournal(string directory, Func<IReadOnlyCollection<JournalRecord>> liveRecords, SafeFileHandle handle, long length)
    {
        this.directory = directory;
        path = Path.Combine(directory, FileName);
        this.liveRecords = liveRecords;
        this.handle = handle;
        this.length = length;
    }

    /// <summary>How many records the file holds.</summary>
    public long RecordCount
    {
        get
        {
            lock (gate)
            {
                return length / RecordSize;
            }
        }
    }

    /// <summary>
    /// Opens the journal in <paramref name="directory"/> (creating it if need be) and returns it with the records it
    /// holds, oldest first. <paramref name="liveRecords"/> gives the records that describe the store as it is now; a
    /// rewrite keeps only those.
    /// </summary>
    public static (PageStoreJournal Journal, IReadOnlyList<JournalRecord> Records) Open(string directory, Func<IReadOnlyCollection<JournalRecord>> liveRecords)
    {
        var path = Path.Combine(directory, FileName);
        File.Delete(Path.Combine(directory, CompactingName)); // a rewrite cut short: the journal itself is intact
        var created = !File.Exists(path);
        var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            var records = Read(handle, out var whole);
            if (created)
            {
                DirectorySync.Flush(directory);
            }

            return (new PageStoreJournal(directory, liveRecords, handle, whole), records);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Appends <paramref name="record"/>; it survives a crash of the process at once, and a crash of the machine after <see cref="Flush"/>.</summary>
    public void Append(JournalRecord record)
    {
        Span<byte> bytes = stackalloc byte[RecordSize];
        Encode(record, bytes);
        lock (gate)
        {
            RandomAccess.Write(handle, bytes, length);
            length += RecordSize;
            dirty = true;
        }
    }

    /// <summary>Makes every append so far durable (an fsync, skipped when nothing was appended since the last one).</summary>
    public void Flush()
    {
        SafeFileHandle current;
        lock (gate)
        {
            if (!dirty)
            {
                return;
            }

            dirty = false;
            current = handle;
        }

        try
        {
            RandomAccess.FlushToDisk(current);
        }
        catch
        {
            lock (gate)
            {
                dirty = true;
            }

            throw;
        }
    }

    /// <summary>
    /// Rewrites the journal with only the live records when it holds many more than <paramref name="liveIncarnations"/>
    /// could need (two each); true when it did.
    /// </summary>
    public bool CompactIfLarge(int liveIncarnations)
    {
        lock (gate)
        {
            if (length / RecordSize <= (2L * liveIncarnations) + CompactionSlack)
            {
                return false;
            }
        }

        Compact();
        return true;
    }

    /// <summary>
    /// Rewrites the journal with only the live records: written beside it, made durable, then renamed over it. Records
    /// appended meanwhile wait for the rename, and a record the snapshot already reflects is harmless when repeated.
    /// </summary>
    public void Compact()
    {
        lock (gate)
        {
            var live = liveRecords();
            var temporary = Path.Combine(directory, CompactingName);
            var bytes = new byte[live.Count * RecordSize];
            var offset = 0;
            foreach (var record in live)
            {
                Encode(record, bytes.AsSpan(offset, RecordSize));
                offset += RecordSize;
            }

            using (var rewritten = File.OpenHandle(temporary, FileMode.Create, FileAccess.Write))
            {
                RandomAccess.Write(rewritten, bytes, 0);
                RandomAccess.FlushToDisk(rewritten);
            }

            File.Move(temporary, path, overwrite: true);
            DirectorySync.Flush(directory);
            handle.Dispose();
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
            length = bytes.Length;
            dirty = false;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (gate)
        {
            handle.Dispose();
        }
    }

    private static List<JournalRecord> Read(SafeFileHandle handle, out long whole)
    {
        var size = RandomAccess.GetLength(handle);
        var records = new List<JournalRecord>((int)Math.Min(size / RecordSize, 1 << 20));
        var buffer = new byte[RecordSize * 4096];
        whole = 0;
        for (long position = 0; position + RecordSize <= size;)
        {
            var count = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, size - position)), position);
            if (count < RecordSize)
            {
                break;
            }

            var usable = count - (count % RecordSize);
            for (var offset = 0; offset < usable; offset += RecordSize)
            {
                if (!TryDecode(buffer.AsSpan(offset, RecordSize), out var record))
                {
                    // A torn or foreign record: nothing after it can be trusted, and appends continue from here.
                    return records;
                }

                records.Add(record);
                whole += RecordSize;
            }

            position += usable;
        }

        return records;
    }

    private static void Encode(JournalRecord record, Span<byte> bytes)
    {
        bytes.Clear();
        bytes[0] = Magic;
        bytes[1] = (byte)record.Event;
        record.Incarnation.TryWriteBytes(bytes.Slice(2, 16));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.Slice(18, 2), Check(bytes[..18]));
    }

    private static bool TryDecode(ReadOnlySpan<byte> bytes, out JournalRecord record)
    {
        record = default;
        if (bytes[0] != Magic || bytes[1] is < (byte)IncarnationEvent.Sealed or > (byte)IncarnationEvent.Deleted
            || BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(18, 2)) != Check(bytes[..18]))
        {
            return false;
        }

        record = new JournalRecord((IncarnationEvent)bytes[1], new Guid(bytes.Slice(2, 16)));
        return true;
    }

    /// <summary>A Fletcher-16 sum: enough to tell a whole record from a torn one.</summary>
    private static ushort Check(ReadOnlySpan<byte> bytes)
    {
        int a = 0, b = 0;
        foreach (var value in bytes)
        {
            a = (a + value) % 255;
            b = (b + a) % 255;
        }

        return (ushort)((b << 8) | a);
    }
}
