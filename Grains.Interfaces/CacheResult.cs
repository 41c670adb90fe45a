namespace WriteCache;

/// <summary>The outcome of an operation that returns no value: success or a typed refusal.</summary>
[GenerateSerializer]
[Alias("WriteCache.CacheResult")]
public readonly record struct CacheResult([property: Id(0)] CacheError Error, [property: Id(1)] string? Message = null)
{
    /// <summary>The successful result.</summary>
    public static CacheResult Ok => default;

    /// <summary>True when the operation succeeded.</summary>
    public bool IsOk => Error == CacheError.None;

    /// <summary>A refusal with a reason and an operator-readable message.</summary>
    public static CacheResult Fail(CacheError error, string? message = null) => new(error, message);

    /// <inheritdoc />
    public override string ToString() => IsOk ? "OK" : $"{Error}: {Message}";
}
