using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Fixed part of one READDIR record (struct fuse_dirent, 24 bytes), followed by the name padded to 8 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseDirent
{
    /// <summary>Size of the fixed part, where the name starts.</summary>
    public const int NameOffset = 24;

    /// <summary>Inode number reported to getdents.</summary>
    public ulong Ino;

    /// <summary>Cookie of the next entry: the offset the kernel passes back to continue after this one.</summary>
    public ulong Off;

    /// <summary>Name length in bytes, without padding or terminator.</summary>
    public uint NameLen;

    /// <summary>Entry type (DT_* values, <see cref="FuseFileType"/>).</summary>
    public uint Type;

    /// <summary>Record size for a name of the given length: 24 + name, rounded up to 8.</summary>
    public static int RecordSize(int nameLength) => Align8(NameOffset + nameLength);

    /// <summary>Rounds up to the 8-byte alignment of directory records.</summary>
    public static int Align8(int size) => (size + 7) & ~7;
}
