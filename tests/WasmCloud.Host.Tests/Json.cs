using System.Text.Json;

namespace WasmCloud.Host.Tests;

/// <summary>Field-by-field views of JSON for comparing against upstream's shapes.</summary>
internal static class Json
{
    public static JsonElement Parse(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        return document.RootElement.Clone();
    }

    public static JsonElement Parse(string text) => Parse(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>The object's keys in the order they were written.</summary>
    public static string[] Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    public static string? Str(JsonElement element, string name) => element.GetProperty(name).GetString();
}
