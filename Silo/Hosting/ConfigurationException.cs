namespace WriteCache.Silo.Hosting;

/// <summary>A configuration value that cannot be used; the message names the key.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
