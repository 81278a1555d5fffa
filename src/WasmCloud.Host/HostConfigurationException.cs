namespace WasmCloud.Host;

/// <summary>A host setting that cannot be used (a bad seed, a malformed address): the host does not start.</summary>
public sealed class HostConfigurationException(string message) : Exception(message);
