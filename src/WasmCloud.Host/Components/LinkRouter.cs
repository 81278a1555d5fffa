using NATS.Client.Core;
using WasmCloud.Components;
using WasmCloud.Wrpc.Encoding;
using WasmCloud.Wrpc.Transport;

namespace WasmCloud.Host.Components;

/// <summary>
/// Where a component's call of an imported interface goes: the link from the component, for that link name and
/// <c>namespace:package</c> with that interface, names the target. A target running on this host is called in
/// this process (values passed from one instance to the other, no NATS and no encoding); any other is called over
/// wRPC on <c>{lattice}.{target}</c>. A call without a link fails at once with upstream's error.
/// </summary>
internal sealed class LinkRouter(LatticeHost host) : IAsyncDisposable
{
    private readonly WrpcClient _client = new(host.Rpc) { HandshakeTimeout = host.Options.RpcTimeout, ResultTimeout = host.Options.MaxExecutionTime };
    private long _inProcess;
    private long _remote;

    /// <summary>Calls that stayed on this host.</summary>
    public long InProcessCalls => Interlocked.Read(ref _inProcess);

    /// <summary>Calls that went over NATS.</summary>
    public long RemoteCalls => Interlocked.Read(ref _remote);

    public ComponentValue? Call(string sourceId, string linkName, string instance, string function, FunctionCodec codec, ComponentValue[] args)
    {
        var target = Target(sourceId, linkName, instance)
            ?? throw new ComponentException($"link `{linkName}` not found for instance `{instance}` (no link from {sourceId} for it; add one with `wash link put`)");
        if (host.Components.Running.TryGetValue(target, out var local))
        {
            Interlocked.Increment(ref _inProcess);
            return local.Invoke(instance, function, args, host.Stopping);
        }
        return CallRemote(sourceId, linkName, target, instance, function, codec, args);
    }

    /// <summary>Calls <paramref name="target"/>'s function over wRPC as <paramref name="sourceId"/>, under that link name.</summary>
    public ComponentValue? CallRemote(string sourceId, string linkName, string target, string instance, string function, FunctionCodec codec, ComponentValue[] args)
    {
        Interlocked.Increment(ref _remote);
        byte[] parameters;
        try
        {
            parameters = codec.EncodeParameters(args);
        }
        catch (ArgumentException e)
        {
            throw new ComponentException($"cannot send the call of {instance}.{function} to {target}: {e.Message}");
        }
        var headers = CallHeaders(sourceId, linkName);
        var subject = WrpcSubjects.Invocation(WrpcSubjects.Prefix(host.Options.Lattice, target), instance, function);
        try
        {
            // The calling guest waits on its own thread: a component's import is a synchronous call.
            var result = _client.InvokeAsync(subject, parameters, codec.DecodeResult, headers, host.Stopping).GetAwaiter().GetResult();
            return result.Length > 0 ? result[0] : null;
        }
        catch (WasmCloud.Wrpc.WrpcException e)
        {
            throw new ComponentException($"the call of {instance}.{function} on {target} failed: {e.Message}");
        }
    }

    /// <summary>The client the host calls other hosts' components and providers with.</summary>
    public WrpcClient Client => _client;

    /// <summary>What a call made for <paramref name="sourceId"/> under a link tells its target: who calls, by which link, in which trace.</summary>
    public static NatsHeaders CallHeaders(string sourceId, string linkName)
    {
        var headers = new NatsHeaders { ["source-id"] = sourceId, ["link-name"] = linkName };
        if (TraceContext.Headers() is { } trace) foreach (var (name, value) in trace) headers[name] = value;
        return headers;
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    /// <summary>Whether the source has a link of that name for the interface (<c>ns:pkg/iface</c>).</summary>
    public bool HasLink(string sourceId, string linkName, string instance) => Target(sourceId, linkName, instance) is not null;

    /// <summary>The target of the source's first link, if it has one yet (for waiting until a link has arrived).</summary>
    public string? Probe(string sourceId) => host.State.LinksFrom(sourceId).FirstOrDefault()?.Target;

    private string? Target(string sourceId, string linkName, string instance) => LinkFor(sourceId, linkName, instance)?.Target;

    /// <summary>The source's link of that name for the interface (<c>ns:pkg/iface</c>, any version), if it has one.</summary>
    public WasmCloud.Lattice.Control.Link? LinkFor(string sourceId, string linkName, string instance)
    {
        var (ns, package, iface) = Split(instance);
        return host.State.LinksFrom(sourceId)
            .FirstOrDefault(link => link.Name == linkName && link.WitNamespace == ns && link.WitPackage == package && link.Interfaces.Contains(iface));
    }

    /// <summary><c>ns:pkg/iface@version</c> as its namespace, package and interface.</summary>
    public static (string Namespace, string Package, string Interface) Split(string instance)
    {
        var unversioned = ComponentExports.Unversioned(instance);
        var colon = unversioned.IndexOf(':');
        var slash = unversioned.IndexOf('/');
        return colon > 0 && slash > colon ? (unversioned[..colon], unversioned[(colon + 1)..slash], unversioned[(slash + 1)..]) : ("", "", unversioned);
    }
}
