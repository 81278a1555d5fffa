using System.Text.Json.Serialization;
using WasmCloud.Lattice.Control;

namespace WasmCloud.Lattice.State;

/// <summary>
/// What <c>LATTICEDATA_{lattice}</c> holds under <c>COMPONENT_{id}</c>: the links whose source is that component
/// or provider, and the image it was last started from.
/// </summary>
public sealed record ComponentSpecification
{
    [JsonPropertyName("url")] public string Url { get; set; } = "";
    [JsonPropertyName("links")] public List<Link> Links { get; set; } = [];
}

/// <summary>The key-value buckets every host of a lattice shares, and their key shapes.</summary>
public static class Buckets
{
    public static string LatticeData(string lattice) => $"LATTICEDATA_{lattice}";
    public static string ConfigData(string lattice) => $"CONFIGDATA_{lattice}";
    public const string ComponentKeyPrefix = "COMPONENT_";
    public static string ComponentKey(string id) => ComponentKeyPrefix + id;
}
