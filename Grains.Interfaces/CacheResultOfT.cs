namespace WriteCache;

/// <summary>The outcome of an operation that returns a value on success or a typed refusal.</summary>
[GenerateSerializer]
[Alias("WriteCache.CacheResult`1")]
public readonly record struct CacheResult<T>(
    [property: Id(0)] CacheError Error,
    [property: Id(1)] T? Value,
    [property: Id(2)] string? Message = null)
{
    /// <summary>True when the operation succeeded and <see cref="Value"/> is set.</summary>
    public bool IsOk => Error == CacheError.None;

    /// <summary>A success carrying <paramref name="value"/>.</summary>
    public static CacheResult<T> Ok(T value) => new(CacheError.None, value);

    /// <summary>A refusal with a reason and an operator-readable message.</summary>
    public static CacheResult<T> Fail(CacheError error, string? message = null) => new(error, default, message);

    /// <summary>Carries a refusal across to a result of another type.</summary>
    public static implicit operator CacheResult<T>(CacheResult result) => new(result.Error, default, result.Message);

    /// <summary>The value, or an exception naming the refusal; for callers that treat refusal as a bug.</summary>
    public T GetValueOrThrow() =>
        IsOk && Value is not null ? Value : throw new InvalidOperationException($"Cache operation refused: {Error}: {Message}");
}
