namespace WasmCloud.Host.Tests;

/// <summary>Reads a URL once something serves it: a listener the host opens after a link arrives takes a moment.</summary>
internal static class Serving
{
    public static async Task<string> GetAsync(HttpClient http, string url)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(15); ; await Task.Delay(100))
        {
            try
            {
                return await http.GetStringAsync(url);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }
}
