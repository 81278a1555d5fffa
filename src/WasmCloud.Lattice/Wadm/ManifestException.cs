namespace WasmCloud.Lattice.Wadm;

/// <summary>A manifest that cannot be read at all (not YAML or JSON, not a mapping); validation errors are listed instead.</summary>
public sealed class ManifestException(string message) : Exception(message);
