using System.Collections.Concurrent;
using Npgsql;
using WasmCloud.Components;
using WasmCloud.Host.Providers;
using WasmCloud.Lattice.Control;
using WasmCloud.Wrpc.Encoding;
using WasmCloud.Wrpc.Transport;

namespace WasmCloud.Host.Capabilities.Sql;

/// <summary>
/// <c>wasmcloud+builtin://sqldb-postgres</c>, also standing in for upstream's <c>ghcr.io/wasmcloud/sqldb-postgres</c>:
/// <c>wasmcloud:postgres@0.1.1-draft</c> through Npgsql. A link's target config names the server under upstream's
/// keys — <c>POSTGRES_HOST</c>, <c>POSTGRES_PORT</c>, <c>POSTGRES_USERNAME</c>, <c>POSTGRES_PASSWORD</c>,
/// <c>POSTGRES_DATABASE</c>, <c>POSTGRES_TLS_REQUIRED</c>, <c>POSTGRES_POOL_SIZE</c> — and each distinct one gets its own
/// pooled data source. Served over wRPC too, as upstream's provider is, so components on other hosts reach it.
/// </summary>
internal sealed class PostgresProvider(string id, string imageRef, Dictionary<string, string> annotations, LatticeHost host) : IHostedProvider
{
    public const string BuiltinName = "sqldb-postgres";

    private readonly ConcurrentDictionary<string, NpgsqlDataSource> _sources = new(StringComparer.Ordinal);
    private readonly List<WrpcServer> _servers = [];

    public PostgresOperations Operations { get; } = new();

    public string Id { get; } = id;
    public string ImageRef { get; } = imageRef;
    public string? Name => "SQL on Postgres (builtin)";
    public Dictionary<string, string> Annotations { get; } = annotations;

    public Task SetLinksAsync(IReadOnlyList<ResolvedLink> links, CancellationToken cancel) => Task.CompletedTask;

    public HealthCheckResponse Health() => new() { Healthy = true, Message = "" };

    /// <summary>The pooled data source for a link's target config; config that does not describe a server is an error naming the key.</summary>
    public NpgsqlDataSource Source(IReadOnlyDictionary<string, string> config)
    {
        string? Get(string key) => LinkConfig.Get(config, key);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Get("POSTGRES_HOST") ?? "localhost",
            Port = int.TryParse(Get("POSTGRES_PORT"), out var port) ? port : 5432,
            Username = Get("POSTGRES_USERNAME") ?? "postgres",
            Password = Get("POSTGRES_PASSWORD"),
            Database = Get("POSTGRES_DATABASE") ?? "postgres",
            SslMode = bool.TryParse(Get("POSTGRES_TLS_REQUIRED"), out var tls) && tls ? SslMode.Require : SslMode.Prefer,
            MaxPoolSize = int.TryParse(Get("POSTGRES_POOL_SIZE"), out var pool) && pool > 0 ? pool : 12,
            Timeout = 5,
            ApplicationName = $"wasmcloud {Id}",
        };
        return _sources.GetOrAdd(builder.ConnectionString, connection =>
        {
            var source = new NpgsqlDataSourceBuilder(connection);
            source.EnableUnmappedTypes();
            return source.Build();
        });
    }

    public async Task StartAsync(CancellationToken cancel)
    {
        foreach (var operation in PostgresOperations.All)
            _servers.Add(await ProviderExports.ServeAsync(host, Id, "wasmcloud", "postgres", PostgresOperations.Instance(operation), operation.Name, new FunctionCodec(operation.Type),
                (args, caller, token) => Operations.AnswerAsync(operation, () => Task.FromResult(Source(caller.Config)), args, token), cancel));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers) await server.DisposeAsync();
        foreach (var source in _sources.Values) await source.DisposeAsync();
    }
}
