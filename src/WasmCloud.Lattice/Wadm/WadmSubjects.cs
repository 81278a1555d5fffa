namespace WasmCloud.Lattice.Wadm;

/// <summary>wadm's subjects for one lattice: its API (<c>wadm.api.{lattice}.model.…</c>), status and notifications.</summary>
public sealed class WadmSubjects(string lattice, string apiPrefix = WadmSubjects.DefaultApiPrefix)
{
    public const string DefaultApiPrefix = "wadm.api";
    public const string QueueGroup = "wadm_server";
    public const string StatusStream = "wadm_status";
    public const string ManifestBucket = "wadm_manifests";
    public const string StateBucket = "wadm_state";

    public string Lattice { get; } = lattice;
    public string ApiPrefix { get; } = apiPrefix;

    public string Model(string operation, string? name = null) => name is null ? $"{ApiPrefix}.{Lattice}.model.{operation}" : $"{ApiPrefix}.{Lattice}.model.{operation}.{name}";
    public string Status(string name) => $"wadm.status.{Lattice}.{name}";
    public string ManifestEvent(string name) => $"wadm.evt.{Lattice}.{name}";

    /// <summary>The key of an application's versions in <see cref="ManifestBucket"/>.</summary>
    public string ManifestKey(string name) => $"{Lattice}-{name}";
}
