using System.Collections.Concurrent;

namespace WasmCloud.Host.Http;

/// <summary>One <see cref="WrpcOutgoingHandler"/> client per component, link name and http-client elsewhere, kept while the host runs.</summary>
internal sealed class RemoteHttpClients(LatticeHost host) : IDisposable
{
    private readonly ConcurrentDictionary<(string Source, string LinkName, string Client), HttpMessageInvoker> _clients = new();

    public HttpMessageInvoker For(string sourceId, string linkName, string clientId) =>
        _clients.GetOrAdd((sourceId, linkName, clientId), key => new HttpMessageInvoker(new WrpcOutgoingHandler(host.HttpForwarder, key.Source, key.LinkName, key.Client, host.Stopping)));

    public void Dispose()
    {
        foreach (var client in _clients.Values) client.Dispose();
        _clients.Clear();
    }
}
