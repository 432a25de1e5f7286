namespace Hark.Data;

/// <summary>A configuration file, override or setting that cannot be used; the message names where and why.</summary>
public sealed class ConfigException(string message) : Exception(message);
