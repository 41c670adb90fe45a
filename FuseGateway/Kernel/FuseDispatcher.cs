using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WriteCache.FuseGateway.Kernel.Abi;
using WriteCache.FuseGateway.Kernel.Replies;

namespace WriteCache.FuseGateway.Kernel;

/// <summary>Validates request frames, routes them through the opcode table, and tracks requests in flight.</summary>
/// <remarks>
/// Device-free: frames come in as buffers and replies leave through an <see cref="IFuseReplySink"/>, so the whole
/// protocol can be driven from tests. A malformed frame gets an error reply (or is dropped when it cannot be
/// answered); a handler's exception becomes EIO for that request only. Nothing escapes to the reader.
/// </remarks>
public sealed class FuseDispatcher
{
    private const int WaitingForInit = 0;
    private const int Running = 1;
    private const int InitFailed = 2;

    /// <summary>Early interrupts are remembered up to this many; beyond, they are stale and dropped.</summary>
    private const int MaxEarlyInterrupts = 1024;

    /// <summary>Idle cancellation sources kept for reuse.</summary>
    private const int MaxIdleSources = 256;

    private readonly ConcurrentDictionary<ulong, CancellationTokenSource> _inFlight = new();
    private readonly ConcurrentDictionary<ulong, byte> _earlyInterrupts = new();
    private readonly Stack<CancellationTokenSource> _idleSources = new();
    private readonly TaskCompletionSource<FuseInitInfo> _initialized = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _serving = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private int _state;
    private int _destroyed;

    /// <summary>Creates a dispatcher for <paramref name="fileSystem"/>.</summary>
    public FuseDispatcher(IFuseFileSystem fileSystem, FuseConnectionOptions? options = null, FuseBufferPool? pool = null, ILogger? logger = null)
    {
        FileSystem = fileSystem ?? throw new ArgumentNullException(nameof(fileSystem));
        Options = options ?? new FuseConnectionOptions();
        Options.Validate();
        Pool = pool ?? new FuseBufferPool(Options.BufferSize, Options.MaxRetainedBuffers);
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The file system requests are routed to.</summary>
    public IFuseFileSystem FileSystem { get; }

    /// <summary>Negotiation and buffer settings.</summary>
    public FuseConnectionOptions Options { get; }

    /// <summary>Where request and reply buffers come from and go back to.</summary>
    public FuseBufferPool Pool { get; }

    /// <summary>Completes with the negotiated settings once INIT has been answered; faults if INIT fails or never comes.</summary>
    public Task<FuseInitInfo> Initialized => _initialized.Task;

    /// <summary>
    /// Completes at the first request after INIT. The kernel holds every request until it has applied the INIT reply,
    /// so from then on mount settings that INIT would overwrite (the readahead window) can be changed.
    /// </summary>
    public Task Serving => _serving.Task;

    /// <summary>Number of requests currently waiting on an asynchronous handler.</summary>
    public int InFlightCount => _inFlight.Count;

    /// <summary>Handles one frame read from the device, taking ownership of <paramref name="buffer"/>.</summary>
    /// <param name="buffer">The frame's buffer; returned to <see cref="Pool"/> when the request is done with it.</param>
    /// <param name="length">Bytes of the frame that read(2) returned.</param>
    /// <param name="sink">Where the reply goes (the descriptor the frame came from).</param>
    /// <returns>A task that completes when the request is answered; readers do not wait on it. Never faults.</returns>
    public Task DispatchAsync(byte[] buffer, int length, IFuseReplySink sink)
    {
        if (length < FuseAbi.InHeaderSize || length > buffer.Length)
        {
            // Without a whole header there is no trustworthy unique to answer to.
            KernelLog.DroppedFrame(_logger, length);
            Pool.Return(buffer);
            return Task.CompletedTask;
        }

        var header = MemoryMarshal.Read<FuseInHeader>(buffer);
        var entry = OpcodeTable.Find(header.Opcode);
        int bodyLength = length - FuseAbi.InHeaderSize - (header.TotalExtLen * 8);
        int error = Validate(in header, entry, length, bodyLength);
        if (error != 0)
        {
            if (entry is null || !entry.NoReply)
            {
                FuseReplyEncoder.SendError(sink, header.Unique, error);
            }

            Pool.Return(buffer);
            return Task.CompletedTask;
        }

        if (header.Opcode != (uint)FuseOpcode.Init && !_serving.Task.IsCompleted && Volatile.Read(ref _state) == Running)
        {
            _serving.TrySetResult();
        }

        var source = RentSource();
        var request = new FuseRequest(this, sink, buffer, bodyLength, in header, source.Token);
        return RunAsync(entry!, request, source);
    }

    /// <summary>Ends the session: cancels what is in flight and calls the file system's DestroyAsync once.</summary>
    public async ValueTask ShutdownAsync()
    {
        foreach (var pair in _inFlight)
        {
            TryCancel(pair.Key, pair.Value);
        }

        _initialized.TrySetException(new IOException("The FUSE connection ended before INIT completed."));
        _serving.TrySetCanceled();
        if (Volatile.Read(ref _state) == Running)
        {
            await DestroyOnceAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Cancels the request <paramref name="unique"/> (INTERRUPT), now or as soon as it is tracked.</summary>
    internal void Interrupt(ulong unique)
    {
        // Publish first, then look: Track does the opposite, so one of the two always sees the other
        // even when INTERRUPT overtakes its request on another reader thread.
        _earlyInterrupts[unique] = 0;
        if (_inFlight.TryGetValue(unique, out var source))
        {
            _earlyInterrupts.TryRemove(unique, out _);
            TryCancel(unique, source);
        }
        else if (_earlyInterrupts.Count > MaxEarlyInterrupts)
        {
            // Interrupts for requests that already finished never match; unique ids are never reused.
            _earlyInterrupts.Clear();
        }
    }

    internal void CompleteInit(FuseInitInfo info)
    {
        Volatile.Write(ref _state, Running);
        KernelLog.Initialized(_logger, info.KernelMinor, info.Minor, info.Granted, info.MaxWrite);
        _initialized.TrySetResult(info);
    }

    internal void FailInit(uint major, uint minor)
    {
        Volatile.Write(ref _state, InitFailed);
        KernelLog.InitFailed(_logger, major, minor);
        _initialized.TrySetException(new IOException($"FUSE INIT refused for kernel protocol {major}.{minor}."));
    }

    internal async ValueTask DestroyOnceAsync()
    {
        if (Interlocked.Exchange(ref _destroyed, 1) != 0)
        {
            return;
        }

        try
        {
            await FileSystem.DestroyAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            KernelLog.DestroyFailed(_logger, ex);
        }
    }

    internal void LogBadCount(ulong unique, string operation, int count, int limit) =>
        KernelLog.BadCount(_logger, unique, operation, count, limit);

    private int Validate(in FuseInHeader header, OpcodeEntry? entry, int length, int bodyLength)
    {
        if (header.Len != (uint)length || bodyLength < 0)
        {
            // A header that lies about the frame cannot be parsed safely; read(2) always returns whole frames.
            KernelLog.MalformedRequest(_logger, header.Opcode, header.Unique, header.Len, length, Errno.EINVAL);
            return Errno.EINVAL;
        }

        if (entry is null)
        {
            KernelLog.UnknownOpcode(_logger, header.Opcode, header.Unique);
            return Errno.ENOSYS;
        }

        int state = Volatile.Read(ref _state);
        if (entry.Opcode == FuseOpcode.Init ? state != WaitingForInit : state != Running)
        {
            // INIT comes exactly once and first; anything else around it is a protocol violation.
            return Errno.EIO;
        }

        if (bodyLength < entry.MinInputSize)
        {
            KernelLog.MalformedRequest(_logger, header.Opcode, header.Unique, header.Len, length, Errno.EINVAL);
            return Errno.EINVAL;
        }

        return 0;
    }

    private async Task RunAsync(OpcodeEntry entry, FuseRequest request, CancellationTokenSource source)
    {
        bool tracked = false;
        long started = FuseMetrics.Start();
        try
        {
            ValueTask pending = entry.Handler(request);
            if (!pending.IsCompleted)
            {
                // Only requests that outlive this call can be interrupted; the synchronous path stays allocation-free.
                Track(request.Unique, source);
                tracked = true;
            }

            await pending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Fail(entry, request, ex);
        }
        finally
        {
            if (tracked)
            {
                // A tracked source may still be cancelled by a concurrent INTERRUPT, so it is never reused.
                _inFlight.TryRemove(request.Unique, out _);
            }
            else
            {
                ReturnSource(source);
            }

            Pool.Return(request.Buffer);
            FuseMetrics.Completed(entry.Name, started);
        }
    }

    private void Fail(OpcodeEntry entry, FuseRequest request, Exception exception)
    {
        if (exception is OperationCanceledException && request.CancellationToken.IsCancellationRequested)
        {
            // The handler gave up because the caller was interrupted: that is EINTR, not an I/O error.
            if (!entry.NoReply)
            {
                request.ReplyError(Errno.EINTR);
            }

            return;
        }

        KernelLog.HandlerFailed(_logger, exception, entry.Name, request.Unique);
        if (!entry.NoReply)
        {
            request.ReplyError(Errno.EIO);
        }
    }

    private void Track(ulong unique, CancellationTokenSource source)
    {
        _inFlight[unique] = source;
        if (_earlyInterrupts.TryRemove(unique, out _))
        {
            TryCancel(unique, source);
        }
    }

    private void TryCancel(ulong unique, CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (Exception ex)
        {
            KernelLog.CancelFailed(_logger, ex, unique);
        }
    }

    private CancellationTokenSource RentSource()
    {
        lock (_idleSources)
        {
            if (_idleSources.TryPop(out var source))
            {
                return source;
            }
        }

        return new CancellationTokenSource();
    }

    private void ReturnSource(CancellationTokenSource source)
    {
        if (!source.TryReset())
        {
            return;
        }

        lock (_idleSources)
        {
            if (_idleSources.Count < MaxIdleSources)
            {
                _idleSources.Push(source);
            }
        }
    }
}
