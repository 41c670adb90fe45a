using System.Runtime.InteropServices;
using WriteCache.FuseGateway.Kernel;
using WriteCache.FuseGateway.Kernel.Abi;

namespace WriteCache.Tests.FuseGateway.Kernel;

/// <summary>Requests written out byte by byte, as the kernel sends them, parsed through the dispatcher.</summary>
public sealed class RequestParsingTests
{
    [Fact]
    public void InHeaderFieldsAreReadFromTheirOffsets()
    {
        byte[] frame =
        [
            0x30, 0x00, 0x00, 0x00,                         // len = 48
            0x01, 0x00, 0x00, 0x00,                         // opcode = 1 (LOOKUP)
            0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, // unique = 0x1122334455667788
            0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // nodeid = 1 (root)
            0xE8, 0x03, 0x00, 0x00,                         // uid = 1000
            0xE9, 0x03, 0x00, 0x00,                         // gid = 1001
            0x39, 0x30, 0x00, 0x00,                         // pid = 12345
            0x00, 0x00,                                     // total_extlen = 0
            0x00, 0x00,                                     // padding
            (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o', 0x00, 0x00, 0x00, // name "hello\0" + 2 spare bytes
        ];

        var header = MemoryMarshal.Read<FuseInHeader>(frame);

        Assert.Equal(48u, header.Len);
        Assert.Equal((uint)FuseOpcode.Lookup, header.Opcode);
        Assert.Equal(0x1122334455667788UL, header.Unique);
        Assert.Equal(1UL, header.NodeId);
        Assert.Equal(1000u, header.Uid);
        Assert.Equal(1001u, header.Gid);
        Assert.Equal(12345u, header.Pid);
        Assert.Equal(0, header.TotalExtLen);
    }

    [Fact]
    public async Task InitInOfferIsNegotiatedIntoInitInfo()
    {
        var fs = new RecordingFileSystem();
        var sink = new CapturingReplySink();
        var dispatcher = new FuseDispatcher(fs);
        byte[] frame =
        [
            .. Frames.Header(104, FuseOpcode.Init, unique: 2, nodeId: 0),
            0x07, 0x00, 0x00, 0x00, // major = 7
            0x2D, 0x00, 0x00, 0x00, // minor = 45
            0x00, 0x00, 0x02, 0x00, // max_readahead = 131072
            0x21, 0x20, 0x45, 0x40, // flags = ASYNC_READ(0) | BIG_WRITES(5) | DO_READDIRPLUS(13) | WRITEBACK_CACHE(16) | PARALLEL_DIROPS(18) | MAX_PAGES(22) | INIT_EXT(30)
            0x20, 0x00, 0x00, 0x00, // flags2 = bit 37 (PASSTHROUGH) >> 32
            .. new byte[44],        // unused[11]
        ];

        await dispatcher.Send(frame, sink);

        var info = Assert.IsType<FuseInitInfo>(fs.Init);
        Assert.Equal(7u, info.KernelMajor);
        Assert.Equal(45u, info.KernelMinor);
        Assert.Equal(38u, info.Minor);
        Assert.True(info.Offered.HasFlag(FuseInitFlags.Passthrough), "flags2 bit 5 is PASSTHROUGH (bit 37)");
        Assert.Equal(
            FuseInitFlags.AsyncRead | FuseInitFlags.BigWrites | FuseInitFlags.DoReaddirplus | FuseInitFlags.ParallelDirops | FuseInitFlags.MaxPages,
            info.Granted);
        Assert.False(info.WritebackCache, "write-back caching is off unless configured");
        Assert.Equal(131072u, info.MaxReadahead);
    }

    [Fact]
    public async Task WriteInAndPayloadReachTheHandlerWithoutACopy()
    {
        var fs = new RecordingFileSystem();
        var sink = new CapturingReplySink();
        var dispatcher = await Frames.InitializedAsync(fs, sink);
        byte[] frame =
        [
            .. Frames.Header(85, FuseOpcode.Write, unique: 10, nodeId: 7),
            0x2A, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // fh = 42
            0x00, 0x10, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, // offset = 0x1_0000_1000
            0x05, 0x00, 0x00, 0x00,                         // size = 5
            0x01, 0x00, 0x00, 0x00,                         // write_flags = FUSE_WRITE_CACHE
            0xEF, 0xBE, 0xAD, 0xDE, 0x00, 0x00, 0x00, 0x00, // lock_owner = 0xDEADBEEF
            0x01, 0x80, 0x00, 0x00,                         // flags = O_WRONLY | O_LARGEFILE
            0x00, 0x00, 0x00, 0x00,                         // padding
            0x61, 0x62, 0x63, 0x64, 0x65,                   // data "abcde"
        ];

        await dispatcher.Send(frame, sink);

        Assert.Equal(42UL, fs.LastWrite.Fh);
        Assert.Equal(0x1_0000_1000UL, fs.LastWrite.Offset);
        Assert.Equal(5u, fs.LastWrite.Size);
        Assert.Equal(1u, fs.LastWrite.WriteFlags);
        Assert.Equal(0xDEADBEEFUL, fs.LastWrite.LockOwner);
        Assert.Equal(0x8001u, fs.LastWrite.Flags);
        Assert.Equal("abcde"u8.ToArray(), fs.LastWriteData);
        Assert.Same(frame, fs.LastWriteSegment.Array);
        Assert.Equal(80, fs.LastWriteSegment.Offset);
        Assert.Equal(7UL, fs.LastContext.NodeId);

        byte[] reply = sink.Last();
        Assert.Equal(
            [
                0x18, 0x00, 0x00, 0x00,                         // len = 24
                0x00, 0x00, 0x00, 0x00,                         // error = 0
                0x0A, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // unique = 10
                0x05, 0x00, 0x00, 0x00,                         // write_out.size = 5
                0x00, 0x00, 0x00, 0x00,                         // padding
            ],
            reply);
    }

    [Fact]
    public async Task WriteWhosePayloadIsShorterThanItsSizeIsRejected()
    {
        var fs = new RecordingFileSystem();
        var sink = new CapturingReplySink();
        var dispatcher = await Frames.InitializedAsync(fs, sink);
        byte[] body = new byte[42];
        body[16] = 0x10; // size = 16, but only 2 payload bytes follow

        await dispatcher.Send(Frames.Request(FuseOpcode.Write, 11, 7, body), sink);

        Assert.Equal(-Errno.EINVAL, CapturingReplySink.Error(sink.Last()));
        Assert.Null(fs.LastWriteData);
    }

    [Fact]
    public async Task SetAttrInFieldsAreReadFromTheirOffsets()
    {
        var fs = new RecordingFileSystem();
        var sink = new CapturingReplySink();
        var dispatcher = await Frames.InitializedAsync(fs, sink);
        byte[] body =
        [
            0x29, 0x00, 0x00, 0x00,                         // valid = MODE | SIZE | MTIME (1 | 8 | 32)
            0x00, 0x00, 0x00, 0x00,                         // padding
            0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // fh = 3
            0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, // size = 1 MiB
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // lock_owner
            0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // atime = 1
            0x00, 0xF1, 0x53, 0x65, 0x00, 0x00, 0x00, 0x00, // mtime = 0x6553F100 (2023-11-14 22:13:20 UTC)
            0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // ctime = 2
            0x00, 0x00, 0x00, 0x00,                         // atimensec
            0xFF, 0xC9, 0x9A, 0x3B,                         // mtimensec = 999999999
            0x00, 0x00, 0x00, 0x00,                         // ctimensec
            0xED, 0x81, 0x00, 0x00,                         // mode = 0100755
            0x00, 0x00, 0x00, 0x00,                         // unused4
            0xE8, 0x03, 0x00, 0x00,                         // uid = 1000
            0x64, 0x00, 0x00, 0x00,                         // gid = 100
            0x00, 0x00, 0x00, 0x00,                         // unused5
        ];
        Assert.Equal(88, body.Length);

        await dispatcher.Send(Frames.Request(FuseOpcode.SetAttr, 12, 7, body), sink);

        var args = fs.LastSetAttr;
        Assert.Equal(SetAttrValid.Mode | SetAttrValid.Size | SetAttrValid.MTime, args.Valid);
        Assert.True(args.Has(SetAttrValid.Size));
        Assert.False(args.Has(SetAttrValid.Uid));
        Assert.Equal(3UL, args.Fh);
        Assert.Equal(1UL << 20, args.Size);
        Assert.Equal(0x6553F100UL, args.MTime);
        Assert.Equal(999_999_999u, args.MTimeNsec);
        Assert.Equal(0x81EDu, args.Mode);
        Assert.Equal(1000u, args.Uid);
        Assert.Equal(100u, args.Gid);
        Assert.Equal(16 + 104, sink.Last().Length);
    }

    [Fact]
    public async Task LookupNameIsTheNulTerminatedUtf8Body()
    {
        var fs = new RecordingFileSystem();
        var sink = new CapturingReplySink();
        var dispatcher = await Frames.InitializedAsync(fs, sink);
        byte[] body =
        [
            0x63, 0x61, 0x66, 0xC3, 0xA9, // "café" in UTF-8
            0x00,                         // terminator
        ];

        await dispatcher.Send(Frames.Request(FuseOpcode.Lookup, 13, 1, body), sink);

        Assert.Equal("café", fs.LastName);
        Assert.Equal(new FuseRequestContext(13, 1, 1000, 1000, 4242), fs.LastContext);
    }

    [Fact]
    public async Task LookupNameWithoutTerminatorIsEinval()
    {
        var sink = new CapturingReplySink();
        var dispatcher = await Frames.InitializedAsync(new RecordingFileSystem(), sink);

        await dispatcher.Send(Frames.Request(FuseOpcode.Lookup, 14, 1, (byte)'a', (byte)'b'), sink);

        Assert.Equal(-Errno.EINVAL, CapturingReplySink.Error(sink.Last()));
    }

    [Fact]
    public async Task LookupNameThatIsNotUtf8IsEilseq()
    {
        var sink = new CapturingReplySink();
        var dispatcher = await Frames.InitializedAsync(new RecordingFileSystem(), sink);

        await dispatcher.Send(Frames.Request(FuseOpcode.Lookup, 15, 1, 0xFF, 0xFE, 0x00), sink);

        Assert.Equal(-Errno.EILSEQ, CapturingReplySink.Error(sink.Last()));
    }

    [Fact]
    public async Task MkDirInIsFollowedByTheName()
    {
        var fs = new RecordingFileSystem();
        var sink = new CapturingReplySink();
        var dispatcher = await Frames.InitializedAsync(fs, sink);
        byte[] body =
        [
            0xED, 0x01, 0x00, 0x00,       // mode = 0755
            0x12, 0x00, 0x00, 0x00,       // umask = 022
            0x64, 0x69, 0x72, 0x00,       // "dir\0"
        ];

        await dispatcher.Send(Frames.Request(FuseOpcode.MkDir, 16, 5, body), sink);

        Assert.Equal("dir", fs.LastName);
        Assert.Equal(0x1EDu, fs.LastMkDir.Mode);
        Assert.Equal(0x12u, fs.LastMkDir.Umask);
        Assert.Equal(5UL, fs.LastContext.NodeId);
        Assert.Equal(16 + 128, sink.Last().Length);
    }

    [Fact]
    public async Task CreateInIsFollowedByTheNameAndRepliesEntryThenOpen()
    {
        var fs = new RecordingFileSystem();
        var sink = new CapturingReplySink();
        var dispatcher = await Frames.InitializedAsync(fs, sink);
        byte[] body =
        [
            0x41, 0x82, 0x00, 0x00,       // flags = O_WRONLY | O_CREAT | O_TRUNC | O_LARGEFILE (0x8241)
            0xA4, 0x81, 0x00, 0x00,       // mode = 0100644
            0x12, 0x00, 0x00, 0x00,       // umask = 022
            0x00, 0x00, 0x00, 0x00,       // open_flags
            0x66, 0x2E, 0x74, 0x78, 0x74, 0x00, // "f.txt\0"
        ];

        await dispatcher.Send(Frames.Request(FuseOpcode.Create, 17, 1, body), sink);

        Assert.Equal("f.txt", fs.LastName);
        Assert.Equal(0x8241u, fs.LastCreate.Flags);
        Assert.Equal(0x81A4u, fs.LastCreate.Mode);
        Assert.Equal(0x12u, fs.LastCreate.Umask);
        byte[] reply = sink.Last();
        Assert.Equal(16 + 128 + 16, reply.Length);
        Assert.Equal(99UL, BitConverter.ToUInt64(reply, 16 + 128));            // open_out.fh
        Assert.Equal(1u, BitConverter.ToUInt32(reply, 16 + 128 + 8));          // open_out.open_flags = FOPEN_DIRECT_IO
    }

    [Fact]
    public async Task RenameCarriesTheDestinationAndBothNames()
    {
        var fs = new RecordingFileSystem();
        var sink = new CapturingReplySink();
        var dispatcher = await Frames.InitializedAsync(fs, sink);
        byte[] body =
        [
            0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // newdir = 9
            0x61, 0x00,                                     // "a\0" (old name)
            0x62, 0x62, 0x00,                               // "bb\0" (new name)
        ];

        await dispatcher.Send(Frames.Request(FuseOpcode.Rename, 18, 4, body), sink);

        Assert.Equal("a", fs.LastName);
        Assert.Equal("bb", fs.LastNewName);
        Assert.Equal(9UL, fs.LastNewParent);
        Assert.Equal(4UL, fs.LastContext.NodeId);
        Assert.Equal(0u, fs.LastRenameFlags);
        Assert.Equal(16u, CapturingReplySink.Length(sink.Last()));
        Assert.Equal(0, CapturingReplySink.Error(sink.Last()));
    }

    [Fact]
    public async Task Rename2CarriesItsFlags()
    {
        var fs = new RecordingFileSystem();
        var sink = new CapturingReplySink();
        var dispatcher = await Frames.InitializedAsync(fs, sink);
        byte[] body =
        [
            0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // newdir = 9
            0x01, 0x00, 0x00, 0x00,                         // flags = RENAME_NOREPLACE
            0x00, 0x00, 0x00, 0x00,                         // padding
            0x78, 0x00,                                     // "x\0"
            0x79, 0x00,                                     // "y\0"
        ];

        await dispatcher.Send(Frames.Request(FuseOpcode.Rename2, 19, 4, body), sink);

        Assert.Equal(("x", "y", 9UL, 1u), (fs.LastName, fs.LastNewName, fs.LastNewParent, fs.LastRenameFlags));
    }

    [Fact]
    public async Task RenameWithASecondNameMissingIsEinval()
    {
        var fs = new RecordingFileSystem();
        var sink = new CapturingReplySink();
        var dispatcher = await Frames.InitializedAsync(fs, sink);
        byte[] body = [0x09, 0, 0, 0, 0, 0, 0, 0, 0x61, 0x00, 0x62, 0x62]; // second name lacks its terminator

        await dispatcher.Send(Frames.Request(FuseOpcode.Rename, 20, 4, body), sink);

        Assert.Equal(-Errno.EINVAL, CapturingReplySink.Error(sink.Last()));
        Assert.Null(fs.LastNewName);
    }
}
