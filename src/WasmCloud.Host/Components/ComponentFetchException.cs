namespace WasmCloud.Host.Components;

/// <summary>A component or provider reference that could not be fetched: refused by policy, unreachable, missing, too big.</summary>
public sealed class ComponentFetchException(string message) : Exception(message);
