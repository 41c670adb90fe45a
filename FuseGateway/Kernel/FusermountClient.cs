using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using WriteCache.FuseGateway.Kernel.Native;

namespace WriteCache.FuseGateway.Kernel;

/// <summary>Mounts and unmounts through the setuid fusermount3 helper, for processes without CAP_SYS_ADMIN.</summary>
/// <remarks>
/// fusermount3 opens /dev/fuse, mounts, and passes the descriptor back over the unix socket named by the
/// _FUSE_COMMFD environment variable (SCM_RIGHTS), then exits. We receive it with recvmsg.
/// </remarks>
internal static unsafe class FusermountClient
{
    private const int EINTR = 4;
    private const int MSG_CMSG_CLOEXEC = 0x40000000;
    private static readonly TimeSpan HelperTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Mounts at <paramref name="mountPoint"/> with fusermount3's -o <paramref name="options"/>; returns the session descriptor.</summary>
    public static SafeFileHandle Mount(string fusermount, string mountPoint, string options)
    {
        int* sockets = stackalloc int[2];

        // No SOCK_CLOEXEC: the helper must inherit its end. Our end leaks into the child too, which is harmless:
        // it exits right after sending, so recvmsg still sees end-of-file if it fails.
        if (LibC.SocketPair(LibC.AF_UNIX, LibC.SOCK_STREAM, 0, sockets) != 0)
        {
            throw Failure("socketpair", Marshal.GetLastPInvokeError());
        }

        int ours = sockets[0];
        int theirs = sockets[1];
        try
        {
            var start = new ProcessStartInfo(fusermount) { UseShellExecute = false };
            start.ArgumentList.Add("-o");
            start.ArgumentList.Add(options);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(mountPoint);
            start.Environment["_FUSE_COMMFD"] = theirs.ToString(CultureInfo.InvariantCulture);
            using var helper = Process.Start(start) ?? throw new IOException($"Could not start {fusermount}.");
            LibC.Close(theirs);
            theirs = -1;

            int fd = ReceiveDescriptor(ours);
            if (!helper.WaitForExit(HelperTimeout))
            {
                helper.Kill();
            }

            if (fd < 0)
            {
                throw new IOException($"{fusermount} did not mount {mountPoint} (exit code {ExitCode(helper)}; see its message on stderr).");
            }

            return new SafeFileHandle(fd, ownsHandle: true);
        }
        finally
        {
            LibC.Close(ours);
            if (theirs >= 0)
            {
                LibC.Close(theirs);
            }
        }
    }

    /// <summary>Lazily unmounts with fusermount3 -u -z; returns false when it fails (for example, not mounted).</summary>
    public static bool Unmount(string fusermount, string mountPoint)
    {
        var start = new ProcessStartInfo(fusermount) { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add("-u");
        start.ArgumentList.Add("-z");
        start.ArgumentList.Add("--");
        start.ArgumentList.Add(mountPoint);
        using var helper = Process.Start(start);
        if (helper is null)
        {
            return false;
        }

        // Its messages ("not mounted") are expected on the idempotent path; read them so the pipe cannot fill.
        helper.StandardError.ReadToEnd();
        return helper.WaitForExit(HelperTimeout) && helper.ExitCode == 0;
    }

    private static int ReceiveDescriptor(int socket)
    {
        byte data = 0;
        var vector = new LibC.IoVec { Base = &data, Length = 1 };
        const int ControlSize = 64;
        byte* control = stackalloc byte[ControlSize];
        var message = new LibC.MsgHdr { Iov = &vector, IovLength = 1, Control = control, ControlLength = ControlSize };
        nint received;
        do
        {
            received = LibC.RecvMsg(socket, &message, MSG_CMSG_CLOEXEC);
        }
        while (received < 0 && Marshal.GetLastPInvokeError() == EINTR);

        var header = (LibC.CMsgHdr*)control;
        int dataOffset = sizeof(LibC.CMsgHdr);
        if (received <= 0
            || message.ControlLength < (nuint)(dataOffset + sizeof(int))
            || header->Level != LibC.SOL_SOCKET
            || header->Type != LibC.SCM_RIGHTS)
        {
            return -1;
        }

        return *(int*)(control + dataOffset);
    }

    private static string ExitCode(Process helper) =>
        helper.HasExited ? helper.ExitCode.ToString(CultureInfo.InvariantCulture) : "still running";

    private static IOException Failure(string call, int errno) => new($"{call} failed with errno {errno}.");
}
