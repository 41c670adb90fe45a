using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Win32.SafeHandles;
using WriteCache.FuseGateway.Kernel.Abi;
using WriteCache.FuseGateway.Kernel.Native;

namespace WriteCache.FuseGateway.Kernel;

/// <summary>Serves one mounted FUSE session: reader threads on cloned /dev/fuse descriptors feeding a <see cref="FuseDispatcher"/>.</summary>
/// <remarks>
/// Readers are dedicated background threads, not pool work items: they sit in a blocking read(2) most of the
/// time, and a process that touches its own mount must never have the thread pool starved by them. A reader
/// hands each frame to the dispatcher and goes straight back to read(2); handlers that complete synchronously
/// are answered inline, the others by whichever thread completes them. The connection ends when the kernel
/// answers read(2) with ENODEV (unmounted or aborted); it never closes the session descriptor, which the
/// <see cref="FuseMount"/> owns.
/// </remarks>
public sealed class FuseConnection
{
    private const int EINTR = 4;
    private const int EAGAIN = 11;

    private readonly SafeFileHandle _session;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;
    private int _started;

    /// <summary>Creates a connection over the session descriptor <paramref name="session"/> (from <see cref="FuseMount.Device"/>).</summary>
    public FuseConnection(SafeFileHandle session, IFuseFileSystem fileSystem, FuseConnectionOptions? options = null, ILogger? logger = null)
    {
        _session = session ?? throw new ArgumentNullException(nameof(session));
        _logger = logger ?? NullLogger.Instance;
        Dispatcher = new FuseDispatcher(fileSystem, options, pool: null, _logger);
    }

    /// <summary>The protocol dispatcher (options, pool, in-flight requests).</summary>
    public FuseDispatcher Dispatcher { get; }

    /// <summary>Completes with the negotiated settings once the kernel's INIT is answered.</summary>
    public Task<FuseInitInfo> Initialized => Dispatcher.Initialized;

    /// <summary>Completes when every reader has stopped and the file system was told to destroy.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Starts the reader threads; call once, after the mount exists.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The connection is already started.");
        }

        int readers = Dispatcher.Options.ReaderThreads;
        _running = readers;
        for (int i = 0; i < readers; i++)
        {
            // Reader 0 uses the session descriptor itself; the others get clones so each has its own queue
            // position and reply channel. A clone failure falls back to sharing the session descriptor.
            SafeFileHandle device = _session;
            bool owned = false;
            if (i > 0 && TryClone(out var clone))
            {
                device = clone;
                owned = true;
            }

            int index = i;
            var thread = new Thread(() => ReadLoop(index, device, owned))
            {
                IsBackground = true,
                Name = $"fuse-reader-{i}",
            };
            thread.Start();
        }
    }

    private unsafe bool TryClone(out SafeFileHandle clone)
    {
        clone = null!;
        int fd = LibC.Open("/dev/fuse", LibC.O_RDWR | LibC.O_CLOEXEC);
        if (fd < 0)
        {
            return false;
        }

        bool added = false;
        try
        {
            _session.DangerousAddRef(ref added);
            int sessionFd = (int)_session.DangerousGetHandle();
            if (LibC.Ioctl(fd, FuseAbi.DeviceIocClone, &sessionFd) != 0)
            {
                LibC.Close(fd);
                return false;
            }
        }
        finally
        {
            if (added)
            {
                _session.DangerousRelease();
            }
        }

        clone = new SafeFileHandle(fd, ownsHandle: true);
        return true;
    }

    private unsafe void ReadLoop(int index, SafeFileHandle device, bool ownsDevice)
    {
        var sink = new DeviceReplySink(device, _logger);
        var pool = Dispatcher.Pool;
        try
        {
            while (true)
            {
                // Each frame gets its own buffer: an asynchronous handler keeps it (write payloads are not copied),
                // and a synchronous one has already given it back by the time we rent again.
                byte[] buffer = pool.Rent();
                nint length;
                fixed (byte* bytes = buffer)
                {
                    length = LibC.Read(device, bytes, (nuint)buffer.Length);
                }

                if (length <= 0)
                {
                    int errno = length == 0 ? Errno.ENODEV : Marshal.GetLastPInvokeError();
                    pool.Return(buffer);
                    if (errno is Errno.ENOENT or EINTR or EAGAIN)
                    {
                        // ENOENT: the request was interrupted before we read it. The others: just retry.
                        continue;
                    }

                    if (errno is not (Errno.ENODEV or Errno.ECONNABORTED or Errno.EBADF))
                    {
                        KernelLog.ReadFailed(_logger, index, errno);
                    }

                    return;
                }

                // The returned task is deliberately not awaited: it never faults and replies by itself.
                _ = Dispatcher.DispatchAsync(buffer, (int)length, sink);
            }
        }
        catch (ObjectDisposedException)
        {
            // The session descriptor was closed under us: the connection is over.
        }
        catch (Exception ex)
        {
            // Never let a reader take the process down; the connection ends as if unmounted.
            KernelLog.ReaderCrashed(_logger, ex, index);
        }
        finally
        {
            if (ownsDevice)
            {
                device.Dispose();
            }

            if (Interlocked.Decrement(ref _running) == 0)
            {
                _ = FinishAsync();
            }
        }
    }

    private async Task FinishAsync()
    {
        try
        {
            await Dispatcher.ShutdownAsync().ConfigureAwait(false);
        }
        finally
        {
            _completion.TrySetResult();
        }
    }
}
