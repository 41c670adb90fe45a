using System.Runtime.CompilerServices;
using WriteCache.FuseGateway.Kernel.Abi;
using WriteCache.FuseGateway.Kernel.Operations;

namespace WriteCache.FuseGateway.Kernel;

/// <summary>The table of implemented opcodes: name, smallest valid body, whether it is answered, and its handler.</summary>
/// <remarks>Opcodes missing here (xattrs, locks, ioctl, statx, ...) get ENOSYS, which the kernel remembers for most of them.</remarks>
internal static class OpcodeTable
{
    /// <summary>Smallest NUL-terminated name: one byte plus the terminator.</summary>
    private const int Name = 2;

    private static readonly OpcodeEntry?[] Entries = Build();

    /// <summary>The entry for <paramref name="opcode"/>, or null when unimplemented.</summary>
    public static OpcodeEntry? Find(uint opcode) => opcode < (uint)Entries.Length ? Entries[opcode] : null;

    /// <summary>All implemented entries, for tests and diagnostics.</summary>
    public static IEnumerable<OpcodeEntry> All => Entries.Where(e => e is not null)!;

    private static OpcodeEntry?[] Build()
    {
        var table = new OpcodeEntry?[64];
        void Add(FuseOpcode opcode, string name, int minInputSize, FuseOperationHandler handler, bool noReply = false) =>
            table[(int)opcode] = new OpcodeEntry(opcode, name, minInputSize, noReply, handler);

        Add(FuseOpcode.Lookup, "LOOKUP", Name, NameOperations.Lookup);
        Add(FuseOpcode.Forget, "FORGET", Size<FuseForgetIn>(), NodeOperations.Forget, noReply: true);
        Add(FuseOpcode.GetAttr, "GETATTR", Size<FuseGetAttrIn>(), NodeOperations.GetAttr);
        Add(FuseOpcode.SetAttr, "SETATTR", Size<FuseSetAttrIn>(), NodeOperations.SetAttr);
        Add(FuseOpcode.ReadLink, "READLINK", 0, NodeOperations.ReadLink);
        Add(FuseOpcode.Symlink, "SYMLINK", Name + Name, NameOperations.Symlink);
        Add(FuseOpcode.MkNod, "MKNOD", Size<FuseMkNodIn>() + Name, NameOperations.MkNod);
        Add(FuseOpcode.MkDir, "MKDIR", Size<FuseMkDirIn>() + Name, NameOperations.MkDir);
        Add(FuseOpcode.Unlink, "UNLINK", Name, NameOperations.Unlink);
        Add(FuseOpcode.RmDir, "RMDIR", Name, NameOperations.RmDir);
        Add(FuseOpcode.Rename, "RENAME", Size<FuseRenameIn>() + Name + Name, NameOperations.Rename);
        Add(FuseOpcode.Link, "LINK", Size<FuseLinkIn>() + Name, NameOperations.Link);
        Add(FuseOpcode.Open, "OPEN", Size<FuseOpenIn>(), FileOperations.Open);
        Add(FuseOpcode.Read, "READ", Size<FuseReadIn>(), FileOperations.Read);
        Add(FuseOpcode.Write, "WRITE", Size<FuseWriteIn>(), FileOperations.Write);
        Add(FuseOpcode.StatFs, "STATFS", 0, NodeOperations.StatFs);
        Add(FuseOpcode.Release, "RELEASE", Size<FuseReleaseIn>(), FileOperations.Release);
        Add(FuseOpcode.Fsync, "FSYNC", Size<FuseFsyncIn>(), FileOperations.Fsync);
        Add(FuseOpcode.Flush, "FLUSH", Size<FuseFlushIn>(), FileOperations.Flush);
        Add(FuseOpcode.Init, "INIT", FuseInitIn.MinimumSize, SessionOperations.Init);
        Add(FuseOpcode.OpenDir, "OPENDIR", Size<FuseOpenIn>(), DirectoryOperations.OpenDir);
        Add(FuseOpcode.ReadDir, "READDIR", Size<FuseReadIn>(), DirectoryOperations.ReadDir);
        Add(FuseOpcode.ReleaseDir, "RELEASEDIR", Size<FuseReleaseIn>(), DirectoryOperations.ReleaseDir);
        Add(FuseOpcode.FsyncDir, "FSYNCDIR", Size<FuseFsyncIn>(), DirectoryOperations.FsyncDir);
        Add(FuseOpcode.Access, "ACCESS", Size<FuseAccessIn>(), NodeOperations.Access);
        Add(FuseOpcode.Create, "CREATE", Size<FuseCreateIn>() + Name, NameOperations.Create);
        Add(FuseOpcode.Interrupt, "INTERRUPT", Size<FuseInterruptIn>(), SessionOperations.Interrupt, noReply: true);
        Add(FuseOpcode.Destroy, "DESTROY", 0, SessionOperations.Destroy);
        Add(FuseOpcode.BatchForget, "BATCH_FORGET", Size<FuseBatchForgetIn>(), NodeOperations.BatchForget, noReply: true);
        Add(FuseOpcode.ReadDirPlus, "READDIRPLUS", Size<FuseReadIn>(), DirectoryOperations.ReadDirPlus);
        Add(FuseOpcode.Rename2, "RENAME2", Size<FuseRename2In>() + Name + Name, NameOperations.Rename2);
        return table;
    }

    private static int Size<T>()
        where T : unmanaged => Unsafe.SizeOf<T>();
}
