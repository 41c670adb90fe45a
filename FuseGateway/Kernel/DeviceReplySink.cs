using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using WriteCache.FuseGateway.Kernel.Native;

namespace WriteCache.FuseGateway.Kernel;

/// <summary>Writes replies to the /dev/fuse descriptor a reader got its requests from, with one writev per reply.</summary>
/// <remarks>The kernel matches a reply to its request only on the descriptor (clone) that delivered it.</remarks>
internal sealed unsafe class DeviceReplySink(SafeFileHandle device, ILogger logger) : IFuseReplySink
{
    private const int EINTR = 4;

    public void Send(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload)
    {
        fixed (byte* headerBytes = header)
        fixed (byte* payloadBytes = payload)
        {
            LibC.IoVec* vectors = stackalloc LibC.IoVec[2];
            vectors[0] = new LibC.IoVec { Base = headerBytes, Length = (nuint)header.Length };
            vectors[1] = new LibC.IoVec { Base = payloadBytes, Length = (nuint)payload.Length };
            int count = payload.IsEmpty ? 1 : 2;
            while (true)
            {
                nint written;
                try
                {
                    written = LibC.WriteV(device, vectors, count);
                }
                catch (ObjectDisposedException)
                {
                    // The reader closed its descriptor (connection over) before this late reply was ready.
                    return;
                }

                if (written >= 0)
                {
                    return;
                }

                int errno = Marshal.GetLastPInvokeError();
                switch (errno)
                {
                    case EINTR:
                        continue;
                    case Errno.ENOENT:
                        // The request was interrupted and the kernel already gave up on it.
                        return;
                    case Errno.ENODEV:
                    case Errno.ECONNABORTED:
                        // Unmounted or aborted: nobody is waiting any more.
                        return;
                    default:
                        KernelLog.ReplyFailed(logger, BinaryPrimitives.ReadUInt64LittleEndian(header[8..]), errno);
                        return;
                }
            }
        }
    }
}
