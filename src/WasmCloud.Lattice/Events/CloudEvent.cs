using System.Text.Json;
using System.Text.Json.Serialization;

namespace WasmCloud.Lattice.Events;

/// <summary>
/// A lattice event as CloudEvents 1.0 structured JSON, the way upstream's hosts publish them: <c>type</c>
/// <c>com.wasmcloud.lattice.{name}</c>, <c>source</c> the host ID, <c>id</c> a time-ordered UUID.
/// </summary>
public sealed record CloudEvent
{
    public const string TypePrefix = "com.wasmcloud.lattice.";

    [JsonPropertyName("specversion")] public string SpecVersion { get; set; } = "1.0";
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("type")] public string Type { get; set; } = "";
    [JsonPropertyName("source")] public string Source { get; set; } = "";
    [JsonPropertyName("datacontenttype")] public string DataContentType { get; set; } = "application/json";
    [JsonPropertyName("time")] public string Time { get; set; } = "";
    [JsonPropertyName("data")] public JsonElement Data { get; set; }

    /// <summary>The event's short name (<c>component_scaled</c>), from its type.</summary>
    [JsonIgnore] public string Name => Type.StartsWith(TypePrefix, StringComparison.Ordinal) ? Type[TypePrefix.Length..] : Type;

    public static CloudEvent Create(string name, string hostId, JsonElement data, DateTimeOffset now) => new()
    {
        Id = TimeOrderedId.NewUuid(now),
        Type = TypePrefix + name,
        Source = hostId,
        Time = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        Data = SortedJson.Sort(data),
    };
}
