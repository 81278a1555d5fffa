using System.IO.Pipelines;
using WasmCloud.Components;

namespace WasmCloud.Wasi.Preview2.Http;

/// <summary>
/// A request for a component to serve, from wherever it arrived (Kestrel, or wRPC from another host): the head as
/// received, the body as a stream read while the guest reads, and the trailers once the body has ended.
/// </summary>
public sealed class ServedRequest
{
    public required string Method { get; init; }
    public string? PathWithQuery { get; init; }
    public string? Scheme { get; init; }
    public string? Authority { get; init; }
    public required IReadOnlyList<(string Name, byte[] Value)> Headers { get; init; }
    public required Stream Body { get; init; }

    /// <summary>The trailers (null: none), asked for once the body has been read to its end.</summary>
    public Func<Task<IReadOnlyList<(string Name, byte[] Value)>?>> Trailers { get; init; } = () => Task.FromResult<IReadOnlyList<(string, byte[])>?>(null);
}

/// <summary>
/// A component's answer: the head as soon as the guest sets it, the body as the guest writes it (null: the guest
/// never asked for one, so it is empty), and the trailers once the guest finished the body (a failure if it never did).
/// </summary>
public sealed class ServedResponse
{
    public required ushort Status { get; init; }
    public required IReadOnlyList<(string Name, byte[] Value)> Headers { get; init; }
    public PipeReader? Body { get; init; }
    public required Task<IReadOnlyList<(string Name, byte[] Value)>?> Trailers { get; init; }
}

/// <summary>Where a served request's answer goes: back to Kestrel, or over wRPC to the host that received the request.</summary>
public interface IHttpResponder
{
    /// <summary>Sends the response: head, then the body as it comes, then the trailers.</summary>
    Task SendAsync(ServedResponse response, CancellationToken cancel);

    /// <summary>
    /// The exchange failed: the guest trapped or set an error, or sending stopped half way. <paramref name="errorCode"/>
    /// is wasi:http's <c>error-code</c> for it (<see cref="ErrorCode.Type"/>), <paramref name="reason"/> a line for people.
    /// </summary>
    Task FailAsync(ComponentValue errorCode, string reason);
}
