using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace WriteCache.FuseGateway.Kernel.Native;

/// <summary>The few libc calls the FUSE layer needs; errno comes from <see cref="Marshal.GetLastPInvokeError"/>.</summary>
/// <remarks>Linux x86-64/arm64 only: constants and struct layouts below are those of these ABIs.</remarks>
internal static unsafe partial class LibC
{
    public const int O_RDWR = 0x2;
    public const int O_CLOEXEC = 0x80000;

    public const ulong MS_NOSUID = 0x2;
    public const ulong MS_NODEV = 0x4;

    public const int MNT_DETACH = 0x2;

    public const int AF_UNIX = 1;
    public const int SOCK_STREAM = 1;
    public const int SOL_SOCKET = 1;
    public const int SCM_RIGHTS = 1;

    private const string Library = "libc";

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(SafeFileHandle fd, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(SafeFileHandle fd, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "writev", SetLastError = true)]
    public static partial nint WriteV(SafeFileHandle fd, IoVec* vectors, int count);

    /// <summary>ioctl with an int-pointer argument (FUSE_DEV_IOC_CLONE takes a pointer to the session fd).</summary>
    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, int* argument);

    [LibraryImport(Library, EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Mount(string source, string target, string fileSystemType, nuint flags, string? data);

    [LibraryImport(Library, EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Umount2(string target, int flags);

    [LibraryImport(Library, EntryPoint = "getuid")]
    public static partial uint GetUid();

    [LibraryImport(Library, EntryPoint = "getgid")]
    public static partial uint GetGid();

    /// <summary>stat(2) into a raw buffer; only success and errno matter to us, so the layout is not modelled.</summary>
    [LibraryImport(Library, EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Stat(string path, byte* buffer);

    [LibraryImport(Library, EntryPoint = "socketpair", SetLastError = true)]
    public static partial int SocketPair(int domain, int type, int protocol, int* fds);

    [LibraryImport(Library, EntryPoint = "recvmsg", SetLastError = true)]
    public static partial nint RecvMsg(int fd, MsgHdr* message, int flags);

    /// <summary>Size of the stat buffer handed to <see cref="Stat"/>: larger than struct stat on any 64-bit ABI.</summary>
    public const int StatBufferSize = 256;

    /// <summary>struct iovec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    /// <summary>struct msghdr (64-bit layout).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary>struct cmsghdr (64-bit layout), followed by its data.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct CMsgHdr
    {
        public nuint Length;
        public int Level;
        public int Type;
    }
}
