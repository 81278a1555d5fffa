namespace WasmCloud.Nats;

/// <summary>The servers a connection may (re)connect to: the configured seeds plus those the cluster announces in INFO.</summary>
internal sealed class ServerPool
{
    private readonly object _gate = new();
    private readonly List<Uri> _servers = [];
    private readonly bool _randomize;

    public ServerPool(IEnumerable<string> seeds, bool randomize)
    {
        _randomize = randomize;
        foreach (var seed in seeds)
            Add(Parse(seed, defaultScheme: "nats"));
        if (_servers.Count == 0) throw new ArgumentException("no NATS server URL given");
    }

    public IReadOnlyList<Uri> Snapshot()
    {
        lock (_gate) return [.. _servers];
    }

    /// <summary>Adds <c>host:port</c> entries from INFO's connect_urls, using the scheme of the server that sent them.</summary>
    public void AddDiscovered(IEnumerable<string> hostPorts, string scheme)
    {
        foreach (var hostPort in hostPorts)
            Add(Parse(hostPort, scheme));
    }

    /// <summary>The order to try servers in: shuffled unless told not to, with the one that just failed last.</summary>
    public List<Uri> OrderForAttempt(Uri? failed)
    {
        var order = (List<Uri>)[.. Snapshot()];
        if (_randomize) Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(order));
        if (failed is not null && order.Remove(failed)) order.Add(failed);
        return order;
    }

    private void Add(Uri server)
    {
        lock (_gate)
            if (!_servers.Any(s => s.Host == server.Host && s.Port == server.Port))
                _servers.Add(server);
    }

    private static Uri Parse(string text, string defaultScheme)
    {
        if (!text.Contains("://", StringComparison.Ordinal)) text = $"{defaultScheme}://{text}";
        var uri = new Uri(text);
        if (uri.Scheme is not ("nats" or "tls")) throw new ArgumentException($"unsupported URL scheme in '{text}'");
        return uri.IsDefaultPort || uri.Port < 0 ? new UriBuilder(uri) { Port = 4222 }.Uri : uri;
    }
}
