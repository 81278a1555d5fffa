using System.CommandLine;
using System.Text.Json.Nodes;
using WasmCloud.Components;
using WasmCloud.Components.Types;
using WasmCloud.Components.Wave;
using WasmCloud.Host.Components;
using WasmCloud.Wasm;
using WasmCloud.Wrpc;
using WasmCloud.Wrpc.Encoding;
using WasmCloud.Wrpc.Transport;

namespace WasmCloud.Wash;

/// <summary>
/// <c>wash call COMPONENT_ID ns:pkg/iface.func [ARGS…]</c>: calls an exported function of a running component over
/// wRPC, with the arguments written in WAVE, and prints the result in WAVE. The function's types come from the
/// component's own image (the reference its host reports), so every argument is checked before the call is made.
/// </summary>
internal static class CallCommand
{
    public static Command Create()
    {
        var connection = new LatticeConnection();
        var id = new Argument<string>("component-id") { Description = "the running component to call" };
        var function = new Argument<string>("function") { Description = "ns:pkg/iface.func (the interface's version may be left out), or a root function's name" };
        var arguments = new Argument<string[]>("args") { Description = "the arguments in WAVE, one per word or comma-separated", Arity = ArgumentArity.ZeroOrMore };
        var insecure = new Option<string[]>("--allowed-insecure") { Description = "a registry to pull the component's image from over plain HTTP", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("call", "Call a running component's exported function over wRPC") { id, function, arguments, insecure };
        connection.AddTo(command);
        command.SetAction(CommandOutput.Action(connection, async (session, output, result, cancel) =>
        {
            var componentId = result.GetValue(id)!;
            var (instance, name) = Split(result.GetValue(function)!);
            var (_, inventory) = await HostLookup.RunningAsync(session.Ctl, i => i.Components.Any(c => c.Id == componentId), $"component [{componentId}]", cancel);
            var reference = inventory.Components.First(c => c.Id == componentId).ImageRef;
            var type = await FunctionTypeAsync(reference, instance, name, result.GetValue(insecure) ?? [], cancel);
            IReadOnlyList<ComponentValue> values;
            try
            {
                values = WaveParser.ParseArguments(string.Join(", ", result.GetValue(arguments) ?? []), type.Type.Parameters);
            }
            catch (WaveException e)
            {
                throw new WashException($"bad arguments for {type.Instance}.{name} {type.Type}: {e.Message}");
            }
            var codec = new FunctionCodec(type.Type);
            var subject = WrpcSubjects.Invocation(WrpcSubjects.Prefix(session.Ctl.Subjects.Lattice, componentId), type.Instance, name);
            ComponentValue[] results;
            await using var client = new WrpcClient(session.Nats) { HandshakeTimeout = TimeSpan.FromMilliseconds(connection.TimeoutMs(result)) };
            try
            {
                results = await client.InvokeAsync(subject, codec.EncodeParameters(values), codec.DecodeResult,
                    new NATS.Client.Core.NatsHeaders { ["source-id"] = "wash" }, cancel);
            }
            catch (WrpcException e)
            {
                throw new WashException($"the call of {subject} failed: {e.Message}");
            }
            var text = type.Type.Result is { } resultType ? WaveWriter.Write(results[0], resultType) : "";
            output.Result(text, new JsonObject { ["result"] = text });
        }));
        return command;
    }

    /// <summary><c>ns:pkg/iface@1.0.0.func</c> as the interface and the function (the function is the part after the last dot).</summary>
    private static (string? Instance, string Function) Split(string text)
    {
        var slash = text.IndexOf('/');
        var dot = text.LastIndexOf('.');
        if (slash < 0) return (null, text);
        if (dot < slash) throw new WashException($"`{text}` does not name a function; write ns:pkg/iface.func");
        return (text[..dot], text[(dot + 1)..]);
    }

    private static async Task<(string? Instance, FuncType Type)> FunctionTypeAsync(string reference, string? instance, string function, string[] insecure, CancellationToken cancel)
    {
        byte[] bytes;
        try
        {
            if (reference.StartsWith("file://", StringComparison.Ordinal)) bytes = await File.ReadAllBytesAsync(reference["file://".Length..], cancel);
            else
            {
                using var http = new HttpClient();
                bytes = await new OciClient(http, _ => null, insecure).PullAsync(ImageReference.Parse(reference), long.MaxValue, cancel);
            }
        }
        catch (Exception e) when (e is ComponentFetchException or IOException or UnauthorizedAccessException)
        {
            throw new WashException($"cannot read the component's image {reference} for its types: {e.Message}");
        }
        Component component;
        try
        {
            component = Component.FromBytes(new Engine(new EngineConfig { CacheDirectory = CompileCacheLocation.Resolve() }), bytes);
        }
        catch (WasmException e)
        {
            throw new WashException($"the component's image {reference} does not load: {e.Message}");
        }
        var exports = component.Type.Exports;
        if (instance is null)
            return exports.GetValueOrDefault(function) is FuncExtern root ? (null, root.Type) : throw Missing(function, exports.Keys);
        var match = exports.FirstOrDefault(e => e.Value is InstanceExtern && (e.Key == instance || e.Key.Split('@')[0] == instance));
        if (match.Value is not InstanceExtern exported) throw Missing(instance, exports.Keys);
        return exported.Type.Exports.GetValueOrDefault(function) is FuncExtern f
            ? (match.Key, f.Type)
            : throw Missing($"{match.Key}.{function}", exported.Type.Exports.Where(e => e.Value is FuncExtern).Select(e => $"{match.Key}.{e.Key}"));
    }

    private static WashException Missing(string what, IEnumerable<string> available) =>
        new($"the component exports no {what} (it exports: {string.Join(", ", available.DefaultIfEmpty("nothing"))})");
}
