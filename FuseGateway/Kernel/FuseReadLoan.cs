namespace WriteCache.FuseGateway.Kernel;

/// <summary>
/// Bytes a file system lends to a READ reply instead of copying them into the reply buffer: the reply is written
/// to the kernel straight from them, and the loan is given back (disposed) once that write is done.
/// </summary>
/// <param name="bytes">The bytes to send; valid until the loan is disposed.</param>
/// <param name="owner">What holds the bytes alive; disposed exactly once, after the reply is written or abandoned.</param>
public sealed class FuseReadLoan(ReadOnlyMemory<byte> bytes, IDisposable owner) : IDisposable
{
    private int disposed;

    /// <summary>The bytes to send.</summary>
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            owner.Dispose();
        }
    }
}
