namespace WasmCloud.Wasi.Preview2.Http;

// The host objects behind wasi:http's request and response resources: plain data, checked and converted by
// Types; the bodies stream (IncomingBody, OutgoingBody).

internal sealed class IncomingRequest(string method, string? pathWithQuery, string? scheme, string? authority, Fields headers, IncomingBody body)
{
    public string Method { get; } = method;
    public string? PathWithQuery { get; } = pathWithQuery;
    public string? Scheme { get; } = scheme;
    public string? Authority { get; } = authority;
    public Fields Headers { get; } = headers;
    public IncomingBody? Body { get; set; } = body;
}

internal sealed class OutgoingRequest(Fields headers)
{
    public string Method { get; set; } = "GET";
    public string? PathWithQuery { get; set; }
    public string? Scheme { get; set; }
    public string? Authority { get; set; }
    public Fields Headers { get; } = headers;
    public OutgoingBody Body { get; } = new();
}

internal sealed class OutgoingResponse(Fields headers)
{
    public ushort Status { get; set; } = 200;
    public Fields Headers { get; } = headers;
    public OutgoingBody Body { get; } = new();
}

internal sealed class IncomingResponse(ushort status, Fields headers, IncomingBody body)
{
    public ushort Status { get; } = status;
    public Fields Headers { get; } = headers;
    public IncomingBody? Body { get; set; } = body;
}

/// <summary>Timeouts of one outgoing request, in nanoseconds as the WIT's durations.</summary>
internal sealed class RequestOptions
{
    public ulong? ConnectTimeout { get; set; }
    public ulong? FirstByteTimeout { get; set; }
    public ulong? BetweenBytesTimeout { get; set; }
}

/// <summary>Where the guest's answer to a served request goes: a response, or the error-code it failed with.</summary>
internal sealed class ResponseOutparam
{
    private readonly TaskCompletionSource<OutgoingResponse> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<OutgoingResponse> Response => _response.Task;

    public void Set(OutgoingResponse response) => _response.TrySetResult(response);

    public void Fail(Components.ComponentValue errorCode) => _response.TrySetException(new HttpErrorException(errorCode));
}
