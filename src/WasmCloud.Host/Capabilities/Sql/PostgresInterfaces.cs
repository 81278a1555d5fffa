using System.Collections.Frozen;
using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Host.Components;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wasm;
using WasmCloud.Wrpc.Encoding;

namespace WasmCloud.Host.Capabilities.Sql;

/// <summary>
/// <c>wasmcloud:postgres@0.1.1-draft</c> (<c>types</c>, <c>query</c>, <c>prepared</c>) as components import it. Each call
/// follows the component's <c>wasmcloud:postgres</c> link (under its current link name): to the sqldb-postgres
/// provider on this host, called in process, or to any other target over wRPC as upstream's host calls it.
/// </summary>
internal sealed class PostgresInterfaces(LatticeHost host) : ICapabilityInterfaces
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private readonly FrozenDictionary<PostgresOperations.Operation, FunctionCodec> _codecs =
        PostgresOperations.All.ToFrozenDictionary(o => o, o => new FunctionCodec(o.Type));

    public void Define(ComponentLinker linker, string componentId)
    {
        new HostInterface("wasmcloud:postgres/types")
            .ValueTypes(TypeNames)
            .DefineIn(linker, PostgresWit.Version);
        foreach (var group in PostgresOperations.All.GroupBy(o => o.Interface))
        {
            var definition = new HostInterface($"wasmcloud:postgres/{group.Key}")
                .ValueTypes(group.Key == "query" ? ["pg-value", "result-row", "query-error"]
                    : ["pg-value", "result-row", "statement-prepare-error", "prepared-statement-exec-error", "prepared-statement-token"]);
            foreach (var operation in group)
                definition.Function(operation.Name, operation.Type, (Store? s, ComponentValue[] args) => Invoke(componentId, s, operation, args));
            definition.DefineIn(linker, PostgresWit.Version);
        }
    }

    private ComponentValue Invoke(string componentId, Store? store, PostgresOperations.Operation operation, ComponentValue[] args)
    {
        var instance = PostgresOperations.Instance(operation);
        var linkName = LatticeBus.LinkName(store, instance);
        var link = host.Links.LinkFor(componentId, linkName, instance);
        if (link is null)
            return Unexpected($"no link `{linkName}` from {componentId} for wasmcloud:postgres (add one with `wash link put`)");
        if (host.Providers.Running.TryGetValue(link.Target, out var provider) && provider is PostgresProvider postgres)
        {
            var config = host.State.MergedConfig(link.TargetConfig);
            try
            {
                return GuestWait.For(token => postgres.Operations.AnswerAsync(operation, () => Task.FromResult(postgres.Source(config)), args, token), CallTimeout, host.Stopping);
            }
            catch (TimeoutException e)
            {
                return Unexpected($"the database {e.Message}");
            }
        }
        try
        {
            return host.Links.CallRemote(componentId, linkName, link.Target, instance, operation.Name, _codecs[operation], args)!;
        }
        catch (ComponentException e)
        {
            return Unexpected(e.Message);
        }
    }

    /// <summary>A call that reached no answer: every function's error has an <c>unexpected</c> case for it.</summary>
    private static ComponentValue Unexpected(string message) => Val.Error(new VariantValue("unexpected", ComponentValue.String(message)));

    private static readonly string[] TypeNames =
    [
        "query-error", "statement-prepare-error", "prepared-statement-exec-error", "hashable-f64", "hashable-f32", "point", "lower-left-point",
        "upper-right-point", "start-point", "end-point", "center-point", "radius", "ipv4-addr", "ipv6-addr", "subnet", "xmin", "xmax", "xip-list",
        "logfile-num", "logfile-byte-offset", "column-name", "numeric", "lexeme-weight", "lexeme", "offset", "date", "interval", "time", "time-tz",
        "timestamp", "timestamp-tz", "mac-address-eui48", "mac-address-eui64", "pg-value", "result-row-entry", "result-row",
    ];
}
