using System.Net.Http.Headers;
using System.Text;

namespace WasmCloud.Host.Http;

/// <summary>
/// wrpc:http's <c>fields</c> (names and raw values) to and from .NET's headers, for the exchanges the host forwards
/// between an HTTP client and wRPC. Values travel as bytes; .NET keeps them as Latin-1 text, which keeps every byte.
/// </summary>
internal static class HttpFields
{
    public static List<(string Name, byte[] Value)> Of(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers) =>
        headers.SelectMany(h => h.Value.Select(v => (h.Key, Encoding.Latin1.GetBytes(v)))).ToList();

    /// <summary>Adds each field to the message's headers, or its content's where the message refuses it (content-type and the like).</summary>
    public static void AddTo(HttpHeaders headers, HttpContent? content, IEnumerable<(string Name, byte[] Value)> fields)
    {
        foreach (var (name, value) in fields)
        {
            var text = Encoding.Latin1.GetString(value);
            if (!headers.TryAddWithoutValidation(name, text)) content?.Headers.TryAddWithoutValidation(name, text);
        }
    }
}
