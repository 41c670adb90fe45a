using WriteCache.FuseGateway.Kernel;
using WriteCache.FuseGateway.Kernel.Abi;
using WriteCache.FuseGateway.Kernel.Replies;

namespace WriteCache.Tests.FuseGateway.Kernel;

/// <summary>Replies compared byte by byte with what the kernel expects.</summary>
public sealed class ReplyEncodingTests
{
    [Fact]
    public void ErrorReplyIsABare16ByteHeaderWithNegativeErrno()
    {
        var sink = new CapturingReplySink();

        FuseReplyEncoder.SendError(sink, 0x0102030405060708, Errno.ENOENT);

        Assert.Equal(
            [
                0x10, 0x00, 0x00, 0x00,                         // len = 16
                0xFE, 0xFF, 0xFF, 0xFF,                         // error = -2 (ENOENT)
                0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, // unique
            ],
            sink.Last());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(512)]
    public void ErrnoOutsideWhatTheKernelAcceptsBecomesEio(int errno)
    {
        var sink = new CapturingReplySink();

        FuseReplyEncoder.SendError(sink, 1, errno);

        Assert.Equal(-Errno.EIO, CapturingReplySink.Error(sink.Last()));
    }

    [Fact]
    public void EntryOutIsHeaderPlus128Bytes()
    {
        var sink = new CapturingReplySink();
        var attr = new FuseAttr
        {
            Ino = 0x11,
            Size = 0x22,
            Blocks = 0x33,
            ATime = 0x44,
            MTime = 0x55,
            CTime = 0x66,
            ATimeNsec = 0x77,
            MTimeNsec = 0x88,
            CTimeNsec = 0x99,
            Mode = 0x81A4,
            NLink = 1,
            Uid = 1000,
            Gid = 1001,
            RDev = 0,
            BlkSize = 4096,
        };
        var entry = FuseEntryOut.Create(0x11, attr, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2), generation: 3);

        FuseReplyEncoder.SendStruct(sink, 9, entry);

        byte[] expected =
        [
            0x90, 0x00, 0x00, 0x00,                         // len = 144
            0x00, 0x00, 0x00, 0x00,                         // error = 0
            0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // unique = 9
            0x11, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // nodeid
            0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // generation
            0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // entry_valid = 1 s
            0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // attr_valid = 2 s
            0x00, 0x65, 0xCD, 0x1D,                         // entry_valid_nsec = 500000000
            0x00, 0x00, 0x00, 0x00,                         // attr_valid_nsec = 0
            0x11, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // attr.ino
            0x22, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // attr.size
            0x33, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // attr.blocks
            0x44, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // attr.atime
            0x55, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // attr.mtime
            0x66, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // attr.ctime
            0x77, 0x00, 0x00, 0x00,                         // attr.atimensec
            0x88, 0x00, 0x00, 0x00,                         // attr.mtimensec
            0x99, 0x00, 0x00, 0x00,                         // attr.ctimensec
            0xA4, 0x81, 0x00, 0x00,                         // attr.mode = 0100644
            0x01, 0x00, 0x00, 0x00,                         // attr.nlink
            0xE8, 0x03, 0x00, 0x00,                         // attr.uid = 1000
            0xE9, 0x03, 0x00, 0x00,                         // attr.gid = 1001
            0x00, 0x00, 0x00, 0x00,                         // attr.rdev
            0x00, 0x10, 0x00, 0x00,                         // attr.blksize = 4096
            0x00, 0x00, 0x00, 0x00,                         // attr.flags
        ];
        Assert.Equal(expected, sink.Last());
    }

    [Fact]
    public void AttrOutIsHeaderPlus104BytesWithTheAttrAtOffset16()
    {
        var sink = new CapturingReplySink();
        var reply = FuseAttrOut.Create(new FuseAttr { Ino = 5, Mode = UnixFileModes.Directory | 0x1ED }, TimeSpan.FromMilliseconds(250));

        FuseReplyEncoder.SendStruct(sink, 4, reply);

        byte[] frame = sink.Last();
        Assert.Equal(120, frame.Length);
        Assert.Equal(
            [
                0x78, 0x00, 0x00, 0x00,                         // len = 120
                0x00, 0x00, 0x00, 0x00,                         // error = 0
                0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // unique = 4
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // attr_valid = 0 s
                0x80, 0xB2, 0xE6, 0x0E,                         // attr_valid_nsec = 250000000
                0x00, 0x00, 0x00, 0x00,                         // dummy
                0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // attr.ino = 5
            ],
            frame[..40]);
        Assert.Equal([0xED, 0x41, 0x00, 0x00], frame[(16 + 16 + 60)..(16 + 16 + 64)]); // attr.mode = 040755
    }

    [Fact]
    public async Task InitOutPutsMaxWriteAndMaxPagesWhereTheKernelReadsThem()
    {
        var sink = new CapturingReplySink();
        var dispatcher = new FuseDispatcher(new RecordingFileSystem());

        await dispatcher.Send(Frames.Init(unique: 1), sink);

        byte[] reply = sink.Last();
        Assert.Equal(16 + 64, reply.Length);
        Assert.Equal(80u, CapturingReplySink.Length(reply));
        Assert.Equal(0, CapturingReplySink.Error(reply));
        Assert.Equal(7u, BitConverter.ToUInt32(reply, 16 + 0));        // major
        Assert.Equal(38u, BitConverter.ToUInt32(reply, 16 + 4));       // minor
        Assert.Equal(0x20000u, BitConverter.ToUInt32(reply, 16 + 8));  // max_readahead echoed
        var flags = (FuseInitFlags)BitConverter.ToUInt32(reply, 16 + 12);
        Assert.Equal((ushort)64, BitConverter.ToUInt16(reply, 16 + 16)); // max_background
        Assert.Equal((ushort)48, BitConverter.ToUInt16(reply, 16 + 18)); // congestion_threshold
        Assert.Equal(1u << 20, BitConverter.ToUInt32(reply, 16 + 20)); // max_write = 1 MiB
        Assert.Equal(1u, BitConverter.ToUInt32(reply, 16 + 24));       // time_gran = 1 ns
        Assert.Equal((ushort)256, BitConverter.ToUInt16(reply, 16 + 28)); // max_pages
        Assert.Equal(0u, BitConverter.ToUInt32(reply, 16 + 32));       // flags2: nothing from the high word

        Assert.True(flags.HasFlag(FuseInitFlags.MaxPages));
        Assert.True(flags.HasFlag(FuseInitFlags.AsyncRead));
        Assert.True(flags.HasFlag(FuseInitFlags.BigWrites));
        Assert.True(flags.HasFlag(FuseInitFlags.ParallelDirops));
        Assert.True(flags.HasFlag(FuseInitFlags.DoReaddirplus));
        Assert.False(flags.HasFlag(FuseInitFlags.WritebackCache), "write-back caching is off by default");
        Assert.False(flags.HasFlag(FuseInitFlags.ExportSupport));
        Assert.False(flags.HasFlag(FuseInitFlags.PosixLocks));
        Assert.False(flags.HasFlag(FuseInitFlags.InitExt), "no flags2 bit is wanted, so INIT_EXT is not echoed");
    }

    [Fact]
    public async Task WritebackCacheIsGrantedWhenConfigured()
    {
        var sink = new CapturingReplySink();
        var dispatcher = new FuseDispatcher(new RecordingFileSystem(), new FuseConnectionOptions { WritebackCache = true });

        await dispatcher.Send(Frames.Init(), sink);

        var info = await dispatcher.Initialized;
        Assert.True(info.WritebackCache);
        var flags = (FuseInitFlags)BitConverter.ToUInt32(sink.Last(), 16 + 12);
        Assert.True(flags.HasFlag(FuseInitFlags.WritebackCache));
    }

    [Fact]
    public async Task KernelOlderThan731IsRefusedWithEproto()
    {
        var sink = new CapturingReplySink();
        var dispatcher = new FuseDispatcher(new RecordingFileSystem());
        byte[] frame = Frames.Init();
        frame[44] = 30; // minor = 30

        await dispatcher.Send(frame, sink);

        Assert.Equal(-Errno.EPROTO, CapturingReplySink.Error(sink.Last()));
        await Assert.ThrowsAsync<IOException>(() => dispatcher.Initialized);
    }

    [Fact]
    public void DirentNameIsPaddedToEightBytesWithZeros()
    {
        byte[] buffer = new byte[128];
        buffer.AsSpan().Fill(0xCC); // stale bytes from an earlier request must not leak into the padding
        var writer = new FuseDirectoryWriter(buffer, plus: false);

        Assert.True(writer.TryAdd(0x2A, 3, FuseFileType.Regular, "hello"));
        Assert.True(writer.TryAdd(0x2B, 4, FuseFileType.Directory, "subdir12"));

        Assert.Equal(32 + 32, writer.Length);
        Assert.Equal(
            [
                0x2A, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // ino = 42
                0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // off (next cookie) = 3
                0x05, 0x00, 0x00, 0x00,                         // namelen = 5
                0x08, 0x00, 0x00, 0x00,                         // type = DT_REG
                0x68, 0x65, 0x6C, 0x6C, 0x6F,                   // "hello"
                0x00, 0x00, 0x00,                               // padding to 32
                0x2B, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // ino = 43
                0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // off = 4
                0x08, 0x00, 0x00, 0x00,                         // namelen = 8
                0x04, 0x00, 0x00, 0x00,                         // type = DT_DIR
                0x73, 0x75, 0x62, 0x64, 0x69, 0x72, 0x31, 0x32, // "subdir12": already aligned, no padding
            ],
            buffer[..64]);
    }

    [Fact]
    public void DirectoryWriterRefusesAnEntryThatDoesNotFit()
    {
        var writer = new FuseDirectoryWriter(new byte[40], plus: false);

        Assert.True(writer.TryAdd(1, 1, FuseFileType.Regular, "a"));   // 32 bytes
        Assert.False(writer.TryAdd(2, 2, FuseFileType.Regular, "b"));  // another 32 would exceed 40

        Assert.Equal(32, writer.Length);
    }

    [Fact]
    public void DirentPlusIsEntryOutFollowedByDirent()
    {
        byte[] buffer = new byte[256];
        var writer = new FuseDirectoryWriter(buffer, plus: true);
        var entry = FuseEntryOut.Create(9, new FuseAttr { Ino = 9, Mode = UnixFileModes.Symlink | 0x1FF }, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        Assert.True(writer.TryAddPlus(entry, 7, "ln"));

        Assert.Equal(128 + 24 + 8, writer.Length);                  // 154 rounded up to 160
        Assert.Equal(9UL, BitConverter.ToUInt64(buffer, 0));        // entry_out.nodeid
        Assert.Equal(9UL, BitConverter.ToUInt64(buffer, 128));      // dirent.ino
        Assert.Equal(7UL, BitConverter.ToUInt64(buffer, 136));      // dirent.off
        Assert.Equal(2u, BitConverter.ToUInt32(buffer, 144));       // dirent.namelen
        Assert.Equal(10u, BitConverter.ToUInt32(buffer, 148));      // dirent.type = DT_LNK
        Assert.Equal("ln"u8.ToArray(), buffer[152..154]);
        Assert.Throws<InvalidOperationException>(() => writer.TryAdd(1, 1, FuseFileType.Regular, "x"));
    }

    [Fact]
    public void DirectoryWriterThrowsAfterTheRequestIsOver()
    {
        var writer = new FuseDirectoryWriter(new byte[64], plus: false);
        writer.Complete();

        Assert.Throws<ObjectDisposedException>(() => writer.TryAdd(1, 1, FuseFileType.Regular, "late"));
    }
}
