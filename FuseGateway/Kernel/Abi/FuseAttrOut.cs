using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Reply to GETATTR and SETATTR (struct fuse_attr_out, 104 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseAttrOut
{
    /// <summary>How long the kernel may cache the attributes, whole seconds.</summary>
    public ulong AttrValid;

    /// <summary>Nanoseconds part of <see cref="AttrValid"/>.</summary>
    public uint AttrValidNsec;

    /// <summary>Unused.</summary>
    public uint Dummy;

    /// <summary>The attributes.</summary>
    public FuseAttr Attr;

    /// <summary>Builds an attribute reply with the given cache lifetime.</summary>
    public static FuseAttrOut Create(in FuseAttr attr, TimeSpan attrTimeout)
    {
        var reply = new FuseAttrOut { Attr = attr };
        (reply.AttrValid, reply.AttrValidNsec) = FuseTimeout.Split(attrTimeout);
        return reply;
    }
}
