using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using WriteCache.FuseGateway.Kernel.Abi;

namespace WriteCache.FuseGateway.Kernel.Operations;

/// <summary>Operations about the connection itself rather than a node: INIT, DESTROY, INTERRUPT.</summary>
internal static class SessionOperations
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask Init(FuseRequest request)
    {
        // Kernels before 7.36 send only the first 16 bytes; the rest of the struct stays zero.
        FuseInitIn offer = default;
        int length = Math.Min(request.BodyLength, Unsafe.SizeOf<FuseInitIn>());
        request.Body[..length].CopyTo(MemoryMarshal.AsBytes(new Span<FuseInitIn>(ref offer)));

        var dispatcher = request.Dispatcher;
        var outcome = FuseInitNegotiator.Negotiate(offer, dispatcher.Options, out var reply, out var info);
        switch (outcome)
        {
            case FuseInitOutcome.AskForOlderMajor:
                // The kernel retries INIT with our major when we answer with just our version.
                request.Reply(reply);
                return;
            case FuseInitOutcome.Unsupported:
                dispatcher.FailInit(offer.Major, offer.Minor);
                request.ReplyError(Errno.EPROTO);
                return;
        }

        int status = await request.FileSystem.InitAsync(info!, request.CancellationToken).ConfigureAwait(false);
        if (status != 0)
        {
            dispatcher.FailInit(offer.Major, offer.Minor);
            request.ReplyError(status);
            return;
        }

        // Mark first: the kernel may send the next request the moment the reply lands, to another reader.
        dispatcher.CompleteInit(info!);
        request.Reply(reply);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask Destroy(FuseRequest request)
    {
        await request.Dispatcher.DestroyOnceAsync().ConfigureAwait(false);
        request.ReplyStatus(0);
    }

    public static ValueTask Interrupt(FuseRequest request)
    {
        request.Dispatcher.Interrupt(request.Read<FuseInterruptIn>().Unique);
        return default;
    }
}
