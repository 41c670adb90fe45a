namespace WriteCache.Client.Operations;

/// <summary>A path that is not there or a directory that cannot be listed; the message says which, in one line.</summary>
public sealed class NamespaceException(string message) : Exception(message);
