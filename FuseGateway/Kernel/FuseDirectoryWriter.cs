using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using WriteCache.FuseGateway.Kernel.Abi;

namespace WriteCache.FuseGateway.Kernel;

/// <summary>Packs READDIR / READDIRPLUS records straight into the reply buffer until the kernel's size is reached.</summary>
/// <remarks>Valid only until the handler's task completes; afterwards every add throws.</remarks>
public sealed class FuseDirectoryWriter
{
    private Memory<byte> _buffer;
    private bool _completed;

    internal FuseDirectoryWriter(Memory<byte> buffer, bool plus)
    {
        _buffer = buffer;
        IsPlus = plus;
    }

    /// <summary>True for READDIRPLUS, where only <see cref="TryAddPlus(in FuseEntryOut, ulong, ReadOnlySpan{char})"/> may be used.</summary>
    public bool IsPlus { get; }

    /// <summary>Bytes packed so far.</summary>
    public int Length { get; private set; }

    /// <summary>The most the reply may hold (the size the kernel asked for).</summary>
    public int Capacity => _buffer.Length;

    /// <summary>Adds a READDIR record; false (and nothing written) when it does not fit, which means "stop, the kernel will ask again from the last cookie".</summary>
    /// <param name="ino">Inode number for getdents.</param>
    /// <param name="nextOffset">Cookie the kernel passes back to continue after this entry; must be non-zero and unique within the listing.</param>
    /// <param name="type">Entry type.</param>
    /// <param name="name">Entry name.</param>
    public bool TryAdd(ulong ino, ulong nextOffset, FuseFileType type, ReadOnlySpan<char> name)
    {
        EnsureMode(plus: false);
        return TryPack(ino, nextOffset, type, name, in Unsafe.NullRef<FuseEntryOut>());
    }

    /// <summary>Adds a READDIRPLUS record (attributes included); false when it does not fit.</summary>
    /// <remarks>A non-zero <see cref="FuseEntryOut.NodeId"/> counts as one lookup (except for "." and ".."); zero means "no entry info".</remarks>
    public bool TryAddPlus(in FuseEntryOut entry, ulong nextOffset, ReadOnlySpan<char> name)
    {
        EnsureMode(plus: true);
        return TryPack(entry.Attr.Ino, nextOffset, UnixFileModes.TypeOf(entry.Attr.Mode), name, in entry);
    }

    /// <summary>Detaches the buffer so a handler that kept this writer cannot scribble on a recycled reply.</summary>
    internal void Complete()
    {
        _completed = true;
        _buffer = Memory<byte>.Empty;
    }

    private bool TryPack(ulong ino, ulong nextOffset, FuseFileType type, ReadOnlySpan<char> name, in FuseEntryOut entry)
    {
        // A READDIRPLUS record is a fuse_direntplus: the entry_out first, then the same dirent READDIR uses.
        int prefix = IsPlus ? FuseDirentPlus.NameOffset - FuseDirent.NameOffset : 0;
        if (name.IsEmpty)
        {
            throw new ArgumentException("A directory entry needs a name.", nameof(name));
        }

        int nameLength = Encoding.UTF8.GetByteCount(name);
        int recordSize = FuseDirent.Align8(prefix + FuseDirent.NameOffset + nameLength);
        if (_buffer.Length - Length < recordSize)
        {
            return false;
        }

        Span<byte> record = _buffer.Span.Slice(Length, recordSize);
        if (prefix != 0)
        {
            MemoryMarshal.Write(record, in entry);
        }

        var dirent = new FuseDirent { Ino = ino, Off = nextOffset, NameLen = (uint)nameLength, Type = (uint)type };
        MemoryMarshal.Write(record[prefix..], in dirent);
        int written = Encoding.UTF8.GetBytes(name, record[(prefix + FuseDirent.NameOffset)..]);

        // The padding goes to the kernel verbatim: zero it rather than leak bytes of an older request.
        record[(prefix + FuseDirent.NameOffset + written)..].Clear();
        Length += recordSize;
        return true;
    }

    private void EnsureMode(bool plus)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (plus != IsPlus)
        {
            throw new InvalidOperationException(IsPlus
                ? "READDIRPLUS replies need TryAddPlus: the kernel expects attributes with every entry."
                : "READDIR replies take TryAdd only.");
        }
    }
}
