using Microsoft.Extensions.Logging;
using WriteCache.FuseGateway.Kernel.Abi;

namespace WriteCache.FuseGateway.Kernel;

/// <summary>Log messages of the protocol layer, source-generated so that disabled levels cost nothing.</summary>
internal static partial class KernelLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Dropped a FUSE frame of {Length} bytes: too short for a request header")]
    public static partial void DroppedFrame(ILogger logger, int length);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Malformed FUSE request {Opcode} (unique {Unique}): header says {HeaderLength} bytes, frame has {Length}; answered {Errno}")]
    public static partial void MalformedRequest(ILogger logger, uint opcode, ulong unique, uint headerLength, int length, int errno);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Unimplemented FUSE opcode {Opcode} (unique {Unique}): answered ENOSYS")]
    public static partial void UnknownOpcode(ILogger logger, uint opcode, ulong unique);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "FUSE {Operation} (unique {Unique}) failed with an exception; answered EIO")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string operation, ulong unique);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "FUSE {Operation} (unique {Unique}) returned count {Count}, more than the {Limit} asked for; answered EIO")]
    public static partial void BadCount(ILogger logger, ulong unique, string operation, int count, int limit);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "FUSE INIT refused: kernel protocol {Major}.{Minor}")]
    public static partial void InitFailed(ILogger logger, uint major, uint minor);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "FUSE INIT done: kernel 7.{KernelMinor}, speaking 7.{Minor}, granted {Granted}, max_write {MaxWrite}")]
    public static partial void Initialized(ILogger logger, uint kernelMinor, uint minor, FuseInitFlags granted, uint maxWrite);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "FUSE reader {Reader} stopped: read failed with errno {Errno}")]
    public static partial void ReadFailed(ILogger logger, int reader, int errno);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "FUSE reply to unique {Unique} failed with errno {Errno}")]
    public static partial void ReplyFailed(ILogger logger, ulong unique, int errno);

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "FUSE file system DestroyAsync failed")]
    public static partial void DestroyFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "A cancellation callback of FUSE request {Unique} threw")]
    public static partial void CancelFailed(ILogger logger, Exception exception, ulong unique);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Removed a stale FUSE mount at {MountPoint}")]
    public static partial void StaleMountRemoved(ILogger logger, string mountPoint);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "Mounted FUSE at {MountPoint} via {Method}")]
    public static partial void Mounted(ILogger logger, string mountPoint, string method);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "Unmounting {MountPoint} failed: {Reason}")]
    public static partial void UnmountFailed(ILogger logger, string mountPoint, string reason);

    [LoggerMessage(EventId = 15, Level = LogLevel.Information, Message = "FUSE connection at {MountPoint} ended")]
    public static partial void ConnectionEnded(ILogger logger, string mountPoint);

    [LoggerMessage(EventId = 16, Level = LogLevel.Warning, Message = "FUSE readers did not stop within {Timeout} after unmount; aborting the connection")]
    public static partial void StopTimedOut(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 17, Level = LogLevel.Error, Message = "FUSE reader {Reader} crashed")]
    public static partial void ReaderCrashed(ILogger logger, Exception exception, int reader);

    [LoggerMessage(EventId = 18, Level = LogLevel.Warning, Message = "Could not set the readahead of {MountPoint}; sequential reads stay at the kernel's window: {Reason}")]
    public static partial void ReadAheadNotSet(ILogger logger, string mountPoint, string reason);
}
