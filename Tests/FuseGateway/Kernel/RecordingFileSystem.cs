using System.Runtime.InteropServices;
using WriteCache.FuseGateway.Kernel;
using WriteCache.FuseGateway.Kernel.Abi;

namespace WriteCache.Tests.FuseGateway.Kernel;

/// <summary>Remembers the arguments of the last call to each operation and answers with fixed values.</summary>
internal sealed class RecordingFileSystem : FuseFileSystemBase
{
    public static readonly FuseEntryOut Entry = FuseEntryOut.Create(
        7,
        new FuseAttr { Ino = 7, Mode = UnixFileModes.Regular | 0x1A4, NLink = 1, Size = 3 },
        TimeSpan.FromSeconds(1),
        TimeSpan.FromSeconds(2));

    public FuseRequestContext LastContext { get; private set; }

    public string? LastName { get; private set; }

    public string? LastNewName { get; private set; }

    public ulong LastNewParent { get; private set; }

    public uint LastRenameFlags { get; private set; }

    public FuseMkDirIn LastMkDir { get; private set; }

    public FuseCreateIn LastCreate { get; private set; }

    public FuseSetAttrIn LastSetAttr { get; private set; }

    public FuseWriteIn LastWrite { get; private set; }

    public byte[]? LastWriteData { get; private set; }

    public ArraySegment<byte> LastWriteSegment { get; private set; }

    public FuseInitInfo? Init { get; private set; }

    public override ValueTask<int> InitAsync(FuseInitInfo info, CancellationToken cancellationToken)
    {
        Init = info;
        return new(0);
    }

    public override ValueTask<FuseResult<FuseEntryOut>> LookupAsync(FuseRequestContext context, string name, CancellationToken cancellationToken)
    {
        LastContext = context;
        LastName = name;
        return new(Entry);
    }

    public override ValueTask<FuseResult<FuseEntryOut>> MkDirAsync(FuseRequestContext context, string name, FuseMkDirIn arguments, CancellationToken cancellationToken)
    {
        LastContext = context;
        LastName = name;
        LastMkDir = arguments;
        return new(Entry);
    }

    public override ValueTask<FuseResult<FuseCreateOut>> CreateAsync(FuseRequestContext context, string name, FuseCreateIn arguments, CancellationToken cancellationToken)
    {
        LastContext = context;
        LastName = name;
        LastCreate = arguments;
        return new(new FuseCreateOut { Entry = Entry, Open = new FuseOpenOut { Fh = 99, OpenFlags = FuseOpenReplyFlags.DirectIo } });
    }

    public override ValueTask<int> RenameAsync(FuseRequestContext context, string name, ulong newParent, string newName, uint flags, CancellationToken cancellationToken)
    {
        LastContext = context;
        LastName = name;
        LastNewParent = newParent;
        LastNewName = newName;
        LastRenameFlags = flags;
        return new(0);
    }

    public override ValueTask<FuseResult<FuseAttrOut>> SetAttrAsync(FuseRequestContext context, FuseSetAttrIn attributes, CancellationToken cancellationToken)
    {
        LastContext = context;
        LastSetAttr = attributes;
        return new(FuseAttrOut.Create(Entry.Attr, TimeSpan.FromMilliseconds(1500)));
    }

    public override ValueTask<FuseResult<int>> WriteAsync(FuseRequestContext context, FuseWriteIn arguments, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        LastContext = context;
        LastWrite = arguments;
        LastWriteData = data.ToArray();
        LastWriteSegment = MemoryMarshal.TryGetArray(data, out var segment) ? segment : default;
        return new(data.Length);
    }

    public override ValueTask<FuseResult<int>> ReadAsync(FuseRequestContext context, FuseReadIn arguments, Memory<byte> destination, CancellationToken cancellationToken)
    {
        // Returns bytes 0, 1, 2, ... up to the requested size, capped at 300 to exercise a short read.
        int count = Math.Min(destination.Length, 300);
        for (int i = 0; i < count; i++)
        {
            destination.Span[i] = (byte)i;
        }

        return new(count);
    }

    public override ValueTask<FuseResult<FuseAttrOut>> GetAttrAsync(FuseRequestContext context, ulong? fileHandle, CancellationToken cancellationToken)
    {
        LastContext = context;
        return new(FuseAttrOut.Create(Entry.Attr, TimeSpan.FromSeconds(1)));
    }
}
