using System.Text.Json;
using System.Text.Json.Nodes;

namespace WasmCloud.Lattice.Events;

/// <summary>
/// Upstream builds event bodies as serde_json values, whose objects keep their keys sorted; ours are written in
/// the same order, so an event reads byte for byte like upstream's.
/// </summary>
internal static class SortedJson
{
    public static JsonElement Sort(JsonElement element) => JsonSerializer.SerializeToElement(Sort(JsonNode.Parse(element.GetRawText())), LatticeJson.Wire.JsonNode);

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value?.DeepClone())))),
        JsonArray array => new JsonArray(array.Select(item => Sort(item?.DeepClone())).ToArray()),
        _ => node?.DeepClone(),
    };
}
