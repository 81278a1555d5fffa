using System.Text.Json.Serialization;
using WasmCloud.Nats.JetStream;
using WasmCloud.Nats.Protocol;

namespace WasmCloud.Nats;

/// <summary>Source-generated JSON for every document on the wire: no reflection at run time.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ServerInfo))]
[JsonSerializable(typeof(ConnectRequest))]
[JsonSerializable(typeof(StreamConfig))]
[JsonSerializable(typeof(StreamInfo))]
[JsonSerializable(typeof(ConsumerInfo))]
[JsonSerializable(typeof(ConsumerCreateRequest))]
[JsonSerializable(typeof(PubAck))]
[JsonSerializable(typeof(AccountInfo))]
[JsonSerializable(typeof(SuccessResponse))]
[JsonSerializable(typeof(StreamPurgeRequest))]
[JsonSerializable(typeof(MessageGetRequest))]
[JsonSerializable(typeof(MessageGetResponse))]
internal sealed partial class NatsJsonContext : JsonSerializerContext;
