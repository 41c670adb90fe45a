namespace WriteCache.FuseGateway.Kernel;

/// <summary>Either a reply value or a positive errno; returned by <see cref="IFuseFileSystem"/> operations.</summary>
/// <typeparam name="T">The reply value type.</typeparam>
public readonly struct FuseResult<T>
{
    private readonly T _value;

    private FuseResult(T value, int error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>Zero on success, otherwise the positive errno.</summary>
    public int Error { get; }

    /// <summary>True when this result carries a value.</summary>
    public bool IsSuccess => Error == 0;

    /// <summary>The reply value; throws when the result is an error.</summary>
    public T Value => Error == 0 ? _value : throw new InvalidOperationException($"The result is errno {Error}, not a value.");

    /// <summary>A successful result.</summary>
    public static FuseResult<T> Ok(T value) => new(value, 0);

    /// <summary>A failed result; <paramref name="errno"/> must be positive.</summary>
    public static FuseResult<T> Fail(int errno)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(errno);
        return new FuseResult<T>(default!, errno);
    }

    /// <summary>Wraps a value as a successful result.</summary>
    public static implicit operator FuseResult<T>(T value) => Ok(value);

    /// <summary>Turns an error into a failed result.</summary>
    public static implicit operator FuseResult<T>(FuseError error) => Fail(error.Errno);
}
