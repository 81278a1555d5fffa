using System.Text.Json.Serialization;

namespace WasmCloud.Lattice.Control;

/// <summary>A provider's answer on <c>wasmbus.rpc.{lattice}.{provider_id}.health</c>.</summary>
public sealed record HealthCheckResponse
{
    [JsonPropertyName("healthy")] public bool Healthy { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
}
