using System.Text.Json.Serialization;

namespace WasmCloud.Lattice;

/// <summary>
/// The envelope of every control-interface reply: <c>{"success", "message", "response"}</c>, with
/// <c>response</c> left out when there is none and <c>message</c> always present.
/// </summary>
public sealed record CtlResponse<T>
{
    [JsonPropertyName("success")] public bool Success { get; set; }
    [JsonPropertyName("message")] public string Message { get; set; } = "";
    [JsonPropertyName("response")] public T? Response { get; set; }

    /// <summary>Upstream's last-resort error key; read so a client can show it, never written by our host.</summary>
    [JsonPropertyName("error")] public string? Error { get; set; }

    public static CtlResponse<T> Ok(T response) => new() { Success = true, Response = response };
}

/// <summary>Replies that carry no <c>response</c>.</summary>
public static class CtlResponse
{
    public static CtlResponse<object> Ok(string message = "") => new() { Success = true, Message = message };
    public static CtlResponse<object> Fail(string message) => new() { Success = false, Message = message };
}
