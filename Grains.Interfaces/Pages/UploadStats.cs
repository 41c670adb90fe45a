namespace WriteCache.Pages;

/// <summary>Persistence work of one silo right now.</summary>
[GenerateSerializer]
[Alias("WriteCache.Pages.UploadStats")]
public sealed record UploadStats([property: Id(0)] string StoreName, [property: Id(1)] int Queued, [property: Id(2)] int InFlight);
