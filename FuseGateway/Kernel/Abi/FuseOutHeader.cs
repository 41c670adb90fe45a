using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>The header before every reply (struct fuse_out_header, 16 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseOutHeader
{
    /// <summary>Total reply length including this header.</summary>
    public uint Len;

    /// <summary>Zero on success, otherwise a negated errno (the kernel accepts -1..-511).</summary>
    public int Error;

    /// <summary>The <see cref="FuseInHeader.Unique"/> of the request being answered.</summary>
    public ulong Unique;
}
