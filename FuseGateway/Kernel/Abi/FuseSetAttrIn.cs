using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Input of SETATTR (struct fuse_setattr_in, 88 bytes); only fields named in <see cref="Valid"/> count.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseSetAttrIn
{
    /// <summary>Which fields are to be changed.</summary>
    public SetAttrValid Valid;

    /// <summary>Unused.</summary>
    public uint Padding;

    /// <summary>File handle, when <see cref="SetAttrValid.Fh"/> is set (ftruncate and friends).</summary>
    public ulong Fh;

    /// <summary>New size.</summary>
    public ulong Size;

    /// <summary>Lock owner.</summary>
    public ulong LockOwner;

    /// <summary>New access time, seconds.</summary>
    public ulong ATime;

    /// <summary>New modification time, seconds.</summary>
    public ulong MTime;

    /// <summary>New change time, seconds.</summary>
    public ulong CTime;

    /// <summary>Nanoseconds part of <see cref="ATime"/>.</summary>
    public uint ATimeNsec;

    /// <summary>Nanoseconds part of <see cref="MTime"/>.</summary>
    public uint MTimeNsec;

    /// <summary>Nanoseconds part of <see cref="CTime"/>.</summary>
    public uint CTimeNsec;

    /// <summary>New mode.</summary>
    public uint Mode;

    /// <summary>Unused.</summary>
    public uint Unused4;

    /// <summary>New owner uid.</summary>
    public uint Uid;

    /// <summary>New owner gid.</summary>
    public uint Gid;

    /// <summary>Unused.</summary>
    public uint Unused5;

    /// <summary>True when the given field is to be changed.</summary>
    public readonly bool Has(SetAttrValid field) => (Valid & field) == field;
}
