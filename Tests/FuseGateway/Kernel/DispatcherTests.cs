using System.Buffers.Binary;
using WriteCache.FuseGateway.Kernel;
using WriteCache.FuseGateway.Kernel.Abi;

namespace WriteCache.Tests.FuseGateway.Kernel;

/// <summary>Routing, error isolation and robustness of the dispatcher, without a device.</summary>
public sealed class DispatcherTests
{
    private static readonly FuseOpcode[] NoReplyOpcodes = [FuseOpcode.Forget, FuseOpcode.BatchForget, FuseOpcode.Interrupt];

    [Fact]
    public async Task GarbageFramesGetAnErrorOrNothingAndTheDispatcherKeepsServing()
    {
        var fs = new HelloFileSystem();
        var sink = new CapturingReplySink();
        var dispatcher = await Frames.InitializedAsync(fs, sink);
        var random = new Random(20240531);

        for (int i = 0; i < 200; i++)
        {
            byte[] frame = Garbage(random, i, out int length);
            int before = sink.Count;

            Task done = dispatcher.DispatchAsync(frame, length, sink);

            Assert.True(done.IsCompletedSuccessfully, $"frame {i} should be handled synchronously without faulting");
            int replies = sink.Count - before;
            Assert.True(replies <= 1, $"frame {i} got {replies} replies");
            if (replies == 0)
            {
                continue;
            }

            byte[] reply = sink.Last();
            uint opcode = length >= 8 ? BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(4)) : 0;
            Assert.DoesNotContain((FuseOpcode)opcode, NoReplyOpcodes);
            Assert.Equal(16, reply.Length);
            Assert.Equal(16u, CapturingReplySink.Length(reply));
            Assert.InRange(CapturingReplySink.Error(reply), -FuseAbi.MaxErrno, -1);
            Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(frame.AsSpan(8)), CapturingReplySink.Unique(reply));
        }

        await dispatcher.Send(Frames.Request(FuseOpcode.Lookup, 5000, FuseAbi.RootNodeId, "hello\0"u8.ToArray()), sink);

        byte[] answer = sink.Last();
        Assert.Equal(5000UL, CapturingReplySink.Unique(answer));
        Assert.Equal(0, CapturingReplySink.Error(answer));
        Assert.Equal(HelloFileSystem.HelloNode, BitConverter.ToUInt64(answer, 16));
        Assert.Equal(0, dispatcher.InFlightCount);
    }

    [Fact]
    public async Task UnknownOpcodesAreAnsweredEnosys()
    {
        var sink = new CapturingReplySink();
        var dispatcher = await Frames.InitializedAsync(new HelloFileSystem(), sink);

        foreach (uint opcode in new uint[] { (uint)FuseOpcode.Statx, 7, (uint)FuseOpcode.GetXattr, 999, uint.MaxValue })
        {
            ulong unique = 100 + (ulong)opcode;
            byte[] frame = Frames.Request(FuseOpcode.Lookup, unique, 1, new byte[24]);
            BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), opcode);

            await dispatcher.Send(frame, sink);

            Assert.Equal(-Errno.ENOSYS, CapturingReplySink.Error(sink.Last()));
            Assert.Equal(unique, CapturingReplySink.Unique(sink.Last()));
        }
    }

    [Fact]
    public async Task UnimplementedOperationOfTheBaseClassIsEnosys()
    {
        var sink = new CapturingReplySink();
        var dispatcher = await Frames.InitializedAsync(new HelloFileSystem(), sink);

        await dispatcher.Send(Frames.Request(FuseOpcode.MkDir, 3, 1, [0xED, 0x01, 0, 0, 0, 0, 0, 0, (byte)'d', 0]), sink);

        Assert.Equal(-Errno.ENOSYS, CapturingReplySink.Error(sink.Last()));
    }

    [Fact]
    public async Task RequestsBeforeInitAreEio()
    {
        var sink = new CapturingReplySink();
        var dispatcher = new FuseDispatcher(new HelloFileSystem());

        await dispatcher.Send(Frames.Request(FuseOpcode.GetAttr, 2, 1, new byte[16]), sink);

        Assert.Equal(-Errno.EIO, CapturingReplySink.Error(sink.Last()));
    }

    [Fact]
    public async Task HandlerExceptionIsEioForThatRequestOnly()
    {
        var fs = new ThrowingFileSystem();
        var sink = new CapturingReplySink();
        var dispatcher = await Frames.InitializedAsync(fs, sink);

        await dispatcher.Send(Frames.Request(FuseOpcode.GetAttr, 20, ThrowingFileSystem.ThrowsSynchronously, new byte[16]), sink);
        byte[] first = sink.Last();
        await dispatcher.Send(Frames.Request(FuseOpcode.GetAttr, 21, ThrowingFileSystem.ThrowsAsynchronously, new byte[16]), sink);
        byte[] second = sink.Last();
        await dispatcher.Send(Frames.Request(FuseOpcode.GetAttr, 22, 1, new byte[16]), sink);
        byte[] third = sink.Last();

        Assert.Equal((20UL, -Errno.EIO), (CapturingReplySink.Unique(first), CapturingReplySink.Error(first)));
        Assert.Equal((21UL, -Errno.EIO), (CapturingReplySink.Unique(second), CapturingReplySink.Error(second)));
        Assert.Equal((22UL, 0), (CapturingReplySink.Unique(third), CapturingReplySink.Error(third)));
        Assert.Equal(16 + 104, third.Length);
        Assert.Equal(3, sink.Count - 1); // INIT's reply plus one per request
    }

    [Fact]
    public async Task ForgetIsNeverAnsweredEvenWhenItFails()
    {
        var fs = new ThrowingFileSystem();
        var sink = new CapturingReplySink();
        var dispatcher = await Frames.InitializedAsync(fs, sink);
        int before = sink.Count;

        await dispatcher.Send(Frames.Request(FuseOpcode.Forget, 30, 5, [1, 0, 0, 0, 0, 0, 0, 0]), sink);
        await dispatcher.Send(Frames.Request(FuseOpcode.Forget, 31, ThrowingFileSystem.ThrowsSynchronously, [1, 0, 0, 0, 0, 0, 0, 0]), sink);
        byte[] batch =
        [
            0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // count = 2, dummy
            0x05, 0, 0, 0, 0, 0, 0, 0, 0x03, 0, 0, 0, 0, 0, 0, 0, // node 5 drops 3
            0x06, 0, 0, 0, 0, 0, 0, 0, 0x01, 0, 0, 0, 0, 0, 0, 0, // node 6 drops 1
        ];
        await dispatcher.Send(Frames.Request(FuseOpcode.BatchForget, 32, 0, batch), sink);
        await dispatcher.Send(Frames.Request(FuseOpcode.Interrupt, 33, 0, [0x99, 0, 0, 0, 0, 0, 0, 0]), sink);

        Assert.Equal(before, sink.Count);
        Assert.Equal([(5UL, 1UL), (5UL, 3UL), (6UL, 1UL)], fs.Forgotten);
    }

    [Fact]
    public async Task AsyncHandlerRepliesWhenItCompletesAndKeepsItsBufferUntilThen()
    {
        var fs = new GatedFileSystem();
        var sink = new CapturingReplySink();
        var dispatcher = await Frames.InitializedAsync(fs, sink);
        int before = sink.Count;
        byte[] frame = Frames.Request(FuseOpcode.Write, 40, 7, [.. new byte[16], 3, 0, 0, 0, .. new byte[20], 0x61, 0x62, 0x63]);
        byte[] buffer = dispatcher.Pool.Rent();
        frame.CopyTo(buffer, 0);

        Task done = dispatcher.DispatchAsync(buffer, frame.Length, sink);

        Assert.False(done.IsCompleted);
        Assert.Equal(1, dispatcher.InFlightCount);
        Assert.Equal(before, sink.Count);
        byte[] other = dispatcher.Pool.Rent();
        Assert.NotSame(buffer, other); // the pending request still owns its buffer: the write payload lives there
        dispatcher.Pool.Return(other);

        fs.Release(Errno.ENOSPC);
        await done.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("abc"u8.ToArray(), fs.DataSeenAfterRelease);
        Assert.Equal((40UL, -Errno.ENOSPC), (CapturingReplySink.Unique(sink.Last()), CapturingReplySink.Error(sink.Last())));
        Assert.Equal(0, dispatcher.InFlightCount);
        Assert.Same(buffer, dispatcher.Pool.Rent()); // returned once the reply was sent
    }

    [Fact]
    public async Task InterruptCancelsTheRequestsTokenAndItIsAnsweredEintr()
    {
        var fs = new GatedFileSystem();
        var sink = new CapturingReplySink();
        var dispatcher = await Frames.InitializedAsync(fs, sink);
        int before = sink.Count;
        Task pending = dispatcher.Send(Frames.Request(FuseOpcode.Write, 50, 7, [.. new byte[16], 1, 0, 0, 0, .. new byte[20], 0x61]), sink);

        await dispatcher.Send(Frames.Request(FuseOpcode.Interrupt, 51, 0, [50, 0, 0, 0, 0, 0, 0, 0]), sink);
        await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(before + 1, sink.Count);
        Assert.Equal((50UL, -Errno.EINTR), (CapturingReplySink.Unique(sink.Last()), CapturingReplySink.Error(sink.Last())));
    }

    [Fact]
    public async Task InterruptThatOvertakesItsRequestStillCancelsIt()
    {
        var fs = new GatedFileSystem();
        var sink = new CapturingReplySink();
        var dispatcher = await Frames.InitializedAsync(fs, sink);

        await dispatcher.Send(Frames.Request(FuseOpcode.Interrupt, 61, 0, [60, 0, 0, 0, 0, 0, 0, 0]), sink);
        await dispatcher.Send(Frames.Request(FuseOpcode.Write, 60, 7, [.. new byte[16], 1, 0, 0, 0, .. new byte[20], 0x61]), sink)
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(-Errno.EINTR, CapturingReplySink.Error(sink.Last()));
    }

    [Fact]
    public async Task ReadRepliesWithTheBytesTheHandlerWroteIntoTheReplyBuffer()
    {
        var sink = new CapturingReplySink();
        var dispatcher = await Frames.InitializedAsync(new RecordingFileSystem(), sink);

        await dispatcher.Send(Frames.Request(FuseOpcode.Read, 70, 7, ReadBody(size: 4096)), sink);

        byte[] reply = sink.Last();
        Assert.Equal(16 + 300, reply.Length); // a short read: the handler had 300 bytes
        Assert.Equal(316u, CapturingReplySink.Length(reply));
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (byte)i), reply[16..]);
    }

    [Fact]
    public async Task ReadOfLentBytesRepliesWithThemAndGivesTheLoanBackOnceTheReplyIsWritten()
    {
        var sink = new CapturingReplySink();
        var lent = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7)).ToArray();
        var fileSystem = new LendingFileSystem(lent, sink);
        var dispatcher = await Frames.InitializedAsync(fileSystem, sink);

        await dispatcher.Send(Frames.Request(FuseOpcode.Read, 72, 7, ReadBody(size: 4096)), sink);

        byte[] reply = sink.Last();
        Assert.Equal(16 + 4096, reply.Length);
        Assert.Equal(0, CapturingReplySink.Error(reply));
        Assert.Equal(lent, reply[16..]);
        Assert.Equal(1, fileSystem.Returned);
        Assert.Equal(1, fileSystem.RepliesSeenWhenReturned); // given back after the reply was written, not before
    }

    [Fact]
    public async Task ALoanLargerThanTheRequestIsEioAndIsStillGivenBack()
    {
        var sink = new CapturingReplySink();
        var fileSystem = new LendingFileSystem(new byte[8192], sink);
        var dispatcher = await Frames.InitializedAsync(fileSystem, sink);

        await dispatcher.Send(Frames.Request(FuseOpcode.Read, 73, 7, ReadBody(size: 4096)), sink);

        Assert.Equal(-Errno.EIO, CapturingReplySink.Error(sink.Last()));
        Assert.Equal(1, fileSystem.Returned);
    }

    private static byte[] ReadBody(uint size) =>
    [
        0x01, 0, 0, 0, 0, 0, 0, 0, // fh = 1
        0x00, 0, 0, 0, 0, 0, 0, 0, // offset = 0
        (byte)size, (byte)(size >> 8), (byte)(size >> 16), (byte)(size >> 24), // size, little-endian
        .. new byte[20],
    ];

    /// <summary>Lends the same bytes for every read and counts how often the loan comes back.</summary>
    private sealed class LendingFileSystem(byte[] bytes, CapturingReplySink sink) : FuseFileSystemBase
    {
        private int initReplies = -1;

        public CapturingReplySink Sink => sink;

        public int Returned { get; private set; }

        public int RepliesSeenWhenReturned { get; private set; }

        public override ValueTask<FuseResult<FuseReadLoan?>> LendReadAsync(FuseRequestContext context, FuseReadIn arguments, CancellationToken cancellationToken)
        {
            initReplies = initReplies < 0 ? sink.Count : initReplies;
            return new(new FuseReadLoan(bytes, new Returner(this)));
        }

        public override ValueTask<FuseResult<int>> ReadAsync(FuseRequestContext context, FuseReadIn arguments, Memory<byte> destination, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("lent bytes are never copied");

        private sealed class Returner(LendingFileSystem owner) : IDisposable
        {
            public void Dispose()
            {
                owner.Returned++;
                owner.RepliesSeenWhenReturned = owner.Sink.Count - owner.initReplies;
            }
        }
    }

    [Fact]
    public async Task ReadLargerThanABufferIsEinvalWithoutAllocating()
    {
        var sink = new CapturingReplySink();
        var dispatcher = await Frames.InitializedAsync(new RecordingFileSystem(), sink);
        byte[] body = [.. new byte[16], 0xFF, 0xFF, 0xFF, 0x7F, .. new byte[20]]; // size = 2 GiB - 1

        await dispatcher.Send(Frames.Request(FuseOpcode.Read, 71, 7, body), sink);

        Assert.Equal(-Errno.EINVAL, CapturingReplySink.Error(sink.Last()));
    }

    private static byte[] Garbage(Random random, int index, out int length)
    {
        // Cycle through the ways a frame can be wrong; fields not being tested are random.
        int bodyLength = random.Next(0, 120);
        byte[] frame = new byte[40 + bodyLength];
        random.NextBytes(frame);
        uint opcode = (uint)random.Next(0, 60);
        if (opcode == (uint)FuseOpcode.Destroy || opcode == (uint)FuseOpcode.Init)
        {
            opcode = (uint)FuseOpcode.Lookup;
        }

        length = frame.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(0), (uint)length);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), opcode);
        BinaryPrimitives.WriteUInt64LittleEndian(frame.AsSpan(16), (ulong)random.NextInt64(1000, long.MaxValue)); // never an existing node
        BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(36), 0);
        switch (index % 6)
        {
            case 0:
                length = random.Next(0, 40); // shorter than the header
                break;
            case 1:
                BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(0), (uint)random.Next()); // length lies
                break;
            case 2:
                BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), (uint)random.Next()); // any opcode at all
                break;
            case 3:
                length = 40 + random.Next(0, 8); // truncated body
                BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(0), (uint)length);
                break;
            case 4:
                BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(36), (ushort)random.Next(1, 1000)); // extensions longer than the frame
                break;
            default:
                break; // well framed, random body
        }

        return frame;
    }
}
