namespace WriteCache.Silo.Admin;

/// <summary>One file of the view's list, as its directory last heard of it (like a line of <c>wcache fs ls -R</c>).</summary>
public sealed record FileRow(string Path, string State, long Size, DateTimeOffset Modified);
