namespace WasmCloud.Lattice;

/// <summary>A lattice request that could not be made or answered: no host listening, no reply, a reply that does not parse.</summary>
public sealed class LatticeException(string message) : Exception(message);
