using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Fixed part of one READDIRPLUS record (struct fuse_direntplus, 152 bytes), followed by the name padded to 8 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseDirentPlus
{
    /// <summary>Size of the fixed part, where the name starts.</summary>
    public const int NameOffset = 152;

    /// <summary>The entry, as a LOOKUP would return it (node id 0: no entry, only the name).</summary>
    public FuseEntryOut EntryOut;

    /// <summary>The directory record.</summary>
    public FuseDirent Dirent;

    /// <summary>Record size for a name of the given length: 152 + name, rounded up to 8.</summary>
    public static int RecordSize(int nameLength) => FuseDirent.Align8(NameOffset + nameLength);
}
