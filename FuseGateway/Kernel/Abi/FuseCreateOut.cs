using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Reply to CREATE: an entry followed by an open file (144 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseCreateOut
{
    /// <summary>The created inode (counts as one lookup).</summary>
    public FuseEntryOut Entry;

    /// <summary>The open file handle.</summary>
    public FuseOpenOut Open;
}
