using System.Text.Json.Serialization;
using WasmCloud.Nats.Protocol;

namespace WasmCloud.Nats;

/// <summary>Source-generated JSON for every document on the wire: no reflection at run time.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ServerInfo))]
[JsonSerializable(typeof(ConnectRequest))]
internal sealed partial class NatsJsonContext : JsonSerializerContext;
