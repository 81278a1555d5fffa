namespace WasmCloud.Wasi.Preview2.Http;

/// <summary>The resources of wasi:http/types, as the host defines them (one set per <see cref="WasiPreview2"/>).</summary>
internal sealed class HttpResources(HostTable table)
{
    public HostResource Fields { get; } = new("fields", table);
    public HostResource IncomingRequest { get; } = new("incoming-request", table);
    public HostResource OutgoingRequest { get; } = new("outgoing-request", table);
    public HostResource RequestOptions { get; } = new("request-options", table);
    public HostResource ResponseOutparam { get; } = new("response-outparam", table);
    public HostResource IncomingResponse { get; } = new("incoming-response", table);
    public HostResource IncomingBody { get; } = new("incoming-body", table);
    public HostResource FutureTrailers { get; } = new("future-trailers", table);
    public HostResource OutgoingResponse { get; } = new("outgoing-response", table);
    public HostResource OutgoingBody { get; } = new("outgoing-body", table);
    public HostResource FutureIncomingResponse { get; } = new("future-incoming-response", table);
}
