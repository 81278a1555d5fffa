using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace WasmCloud.Wash;

/// <summary>A JSON tree printed as YAML, the way <c>wash app get</c> shows a manifest.</summary>
internal static class YamlText
{
    public static string From(JsonNode node) => new SerializerBuilder().Build().Serialize(Plain(node));

    private static object? Plain(JsonNode? node) => node switch
    {
        JsonObject map => map.ToDictionary(p => p.Key, p => Plain(p.Value)),
        JsonArray list => list.Select(Plain).ToList(),
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        JsonValue value when value.TryGetValue<long>(out var number) => number,
        JsonValue value => value.ToJsonString(),
        _ => null,
    };
}
