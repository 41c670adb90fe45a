using System.Buffers.Binary;
using WriteCache.FuseGateway.Kernel;

namespace WriteCache.Tests.FuseGateway.Kernel;

/// <summary>Builds request frames the way the kernel lays them out, for tests that are not about the header itself.</summary>
internal static class Frames
{
    /// <summary>A 40-byte fuse_in_header; <paramref name="length"/> is the whole frame.</summary>
    public static byte[] Header(int length, FuseOpcode opcode, ulong unique, ulong nodeId, uint uid = 1000, uint gid = 1000, uint pid = 4242)
    {
        byte[] header = new byte[40];
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(0), (uint)length);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)opcode);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(8), unique);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(16), nodeId);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(24), uid);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(28), gid);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(32), pid);
        return header;
    }

    /// <summary>A whole frame: header (with the right length) followed by <paramref name="body"/>.</summary>
    public static byte[] Request(FuseOpcode opcode, ulong unique, ulong nodeId, params byte[] body) =>
        [.. Header(40 + body.Length, opcode, unique, nodeId), .. body];

    /// <summary>The INIT frame a 7.45 kernel sends, offering the capabilities seen on this machine.</summary>
    public static byte[] Init(ulong unique = 1) =>
    [
        .. Header(104, FuseOpcode.Init, unique, 0, 0, 0, 0),
        0x07, 0x00, 0x00, 0x00, // major = 7
        0x2D, 0x00, 0x00, 0x00, // minor = 45
        0x00, 0x00, 0x02, 0x00, // max_readahead = 0x20000 (128 KiB)
        0xFB, 0xFF, 0xFF, 0x7F, // flags: bits 0..30 offered except bit 2 (FILE_OPS); INIT_EXT (bit 30) set
        0xFF, 0x00, 0x00, 0x00, // flags2: bits 32..39 offered
        .. new byte[44],        // unused[11]
    ];

    /// <summary>Sends INIT and returns the dispatcher ready for other requests.</summary>
    public static async Task<FuseDispatcher> InitializedAsync(IFuseFileSystem fileSystem, CapturingReplySink sink, FuseConnectionOptions? options = null)
    {
        var dispatcher = new FuseDispatcher(fileSystem, options);
        await dispatcher.DispatchAsync(Init(), 104, sink);
        await dispatcher.Initialized;
        return dispatcher;
    }

    /// <summary>Dispatches a frame whose buffer is exactly the frame.</summary>
    public static Task Send(this FuseDispatcher dispatcher, byte[] frame, IFuseReplySink sink) =>
        dispatcher.DispatchAsync(frame, frame.Length, sink);
}
