namespace WriteCache.Ufs;

/// <summary>
/// One file being written to a UFS: the caller writes its bytes in order, then completes or aborts.
/// Not thread-safe: one caller, one call at a time. Nothing is visible at the destination until
/// <see cref="CompleteAsync"/> succeeds; disposing an upload that was not completed aborts it.
/// </summary>
public interface IUfsUpload : IAsyncDisposable
{
    /// <summary>Appends <paramref name="chunk"/>; the caller may reuse its buffer once the returned task completes.</summary>
    Task WriteAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken);

    /// <summary>Makes the file visible at its path, replacing any earlier one; fails (and aborts) unless exactly the declared size was written.</summary>
    Task<UfsObjectInfo> CompleteAsync(CancellationToken cancellationToken);

    /// <summary>Discards everything written so far; safe to call more than once and after a failure.</summary>
    Task AbortAsync();
}
