using System.Text.Json;
using System.Text.Json.Serialization;
using WasmCloud.Lattice.Control;
using WasmCloud.Lattice.Events;
using WasmCloud.Lattice.State;

namespace WasmCloud.Lattice;

/// <summary>
/// The lattice's JSON, generated at build time: one context for every wire type, so host, wadm and wash read
/// and write the same shapes. Absent optional fields are left out, as upstream's serde attributes do.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, AllowTrailingCommas = false)]
[JsonSerializable(typeof(CtlResponse<object>))]
[JsonSerializable(typeof(CtlResponse<HostInfo>))]
[JsonSerializable(typeof(CtlResponse<HostInventory>))]
[JsonSerializable(typeof(CtlResponse<ComponentAuctionAck>))]
[JsonSerializable(typeof(CtlResponse<ProviderAuctionAck>))]
[JsonSerializable(typeof(CtlResponse<List<Link>>))]
[JsonSerializable(typeof(CtlResponse<List<Dictionary<string, string>>>))]
[JsonSerializable(typeof(CtlResponse<Dictionary<string, string>>))]
[JsonSerializable(typeof(List<HostInfo>))]
[JsonSerializable(typeof(List<HostInventory>))]
[JsonSerializable(typeof(StopHostCommand))]
[JsonSerializable(typeof(HostLabel))]
[JsonSerializable(typeof(HostLabelIdentifier))]
[JsonSerializable(typeof(Dictionary<string, RegistryCredential>))]
[JsonSerializable(typeof(ComponentAuctionRequest))]
[JsonSerializable(typeof(ScaleComponentCommand))]
[JsonSerializable(typeof(UpdateComponentCommand))]
[JsonSerializable(typeof(ProviderAuctionRequest))]
[JsonSerializable(typeof(StartProviderCommand))]
[JsonSerializable(typeof(StopProviderCommand))]
[JsonSerializable(typeof(Link))]
[JsonSerializable(typeof(DeleteLinkRequest))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(ComponentSpecification))]
[JsonSerializable(typeof(CloudEvent))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonNode))]
[JsonSerializable(typeof(HostStarted))]
[JsonSerializable(typeof(HostStopped))]
[JsonSerializable(typeof(LabelsChanged))]
[JsonSerializable(typeof(ConfigChanged))]
[JsonSerializable(typeof(ComponentScaled))]
[JsonSerializable(typeof(ComponentScaleFailed))]
[JsonSerializable(typeof(ProviderStarted))]
[JsonSerializable(typeof(ProviderStartFailed))]
[JsonSerializable(typeof(ProviderStopped))]
[JsonSerializable(typeof(ProviderHealth))]
[JsonSerializable(typeof(HealthCheckResponse))]
[JsonSerializable(typeof(LinkSetFailed))]
[JsonSerializable(typeof(LinkDeleted))]
[JsonSerializable(typeof(WasmCloud.Lattice.Wadm.PutModelResponse))]
[JsonSerializable(typeof(WasmCloud.Lattice.Wadm.VersionRequest))]
[JsonSerializable(typeof(WasmCloud.Lattice.Wadm.GetModelResponse))]
[JsonSerializable(typeof(WasmCloud.Lattice.Wadm.ListModelsResponse))]
[JsonSerializable(typeof(List<WasmCloud.Lattice.Wadm.ModelSummary>))]
[JsonSerializable(typeof(WasmCloud.Lattice.Wadm.VersionResponse))]
[JsonSerializable(typeof(WasmCloud.Lattice.Wadm.DeleteModelResponse))]
[JsonSerializable(typeof(WasmCloud.Lattice.Wadm.DeployModelResponse))]
[JsonSerializable(typeof(WasmCloud.Lattice.Wadm.StatusResponse))]
[JsonSerializable(typeof(WasmCloud.Lattice.Wadm.WadmError))]
[JsonSerializable(typeof(WasmCloud.Lattice.Wadm.AppStatus))]
public sealed partial class LatticeJson : JsonSerializerContext
{
    /// <summary>
    /// The context wire types are written with: like serde_json, it leaves <c>-&gt;</c>, <c>'</c> and non-ASCII text as
    /// they are instead of escaping them.
    /// </summary>
    public static LatticeJson Wire { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Serializes <paramref name="value"/> with the lattice's generated metadata.</summary>
    public static byte[] Encode<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Info<T>());

    public static JsonElement Element<T>(T value) => JsonSerializer.SerializeToElement(value, Info<T>());

    /// <summary>Reads a <typeparamref name="T"/>; a malformed body or a missing required field is a <see cref="JsonException"/>.</summary>
    public static T Decode<T>(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, Info<T>()) ?? throw new JsonException("the body is JSON null");

    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> Info<T>() =>
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)(Wire.GetTypeInfo(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not a lattice wire type"));
}
