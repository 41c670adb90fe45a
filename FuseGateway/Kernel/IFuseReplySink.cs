namespace WriteCache.FuseGateway.Kernel;

/// <summary>Where replies go: the /dev/fuse descriptor a request was read from, or a capture in tests.</summary>
public interface IFuseReplySink
{
    /// <summary>Sends one reply, header then payload, as a single atomic write; never throws.</summary>
    /// <remarks>Both spans are only valid during the call. Called from any thread, concurrently.</remarks>
    void Send(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload);
}
