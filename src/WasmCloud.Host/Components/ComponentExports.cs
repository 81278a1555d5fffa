using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Components.Types;

namespace WasmCloud.Host.Components;

/// <summary>
/// The functions a component exports that the lattice can call: those of its exported interfaces (and its own
/// root functions), except those the host drives through interfaces of its own (<see cref="HostDriven"/>). The rest are served under their own names, as
/// upstream serves them: <c>wasmcloud:messaging/handler@0.2.0.handle-message</c>, a custom interface's functions.
/// </summary>
internal static class ComponentExports
{
    public sealed record Function(string? Instance, string Name, FuncType Type);

    public static IReadOnlyList<Function> Callable(Component component)
    {
        var functions = new List<Function>();
        foreach (var (name, export) in component.Type.Exports)
        {
            switch (export)
            {
                case FuncExtern function:
                    functions.Add(new Function(null, name, function.Type));
                    break;
                case InstanceExtern instance when !HostDriven(name):
                    foreach (var (functionName, member) in instance.Type.Exports)
                        if (member is FuncExtern f) functions.Add(new Function(name, functionName, f.Type));
                    break;
            }
        }
        return functions;
    }

    /// <summary>
    /// Exports the host calls through an interface of its own: <c>wasi:cli/run</c>; <c>wasi:http/incoming-handler</c>
    /// (served as <c>wrpc:http</c>); <c>wasmcloud:messaging/incoming-handler@0.3.0</c>, whose message is a host
    /// resource (served as 0.2.0's <c>handle-message</c>, as upstream serves it); <c>wasi:keyvalue/watcher</c>, whose
    /// bucket is a host resource (served as <c>wrpc:keyvalue/watcher</c>, the bucket by name).
    /// </summary>
    private static bool HostDriven(string name) =>
        Unversioned(name) is "wasi:cli/run" or "wasi:http/incoming-handler" or "wasmcloud:messaging/incoming-handler" or "wasi:keyvalue/watcher";

    /// <summary>An exported function of an instance: by the interface's exact name, or the same interface at any version.</summary>
    public static ComponentFunc? Find(ComponentInstance instance, string? instanceName, string function)
    {
        if (instanceName is null) return instance.GetFunction(function);
        var exported = instance.GetInstance(instanceName)
            ?? instance.Exports.FirstOrDefault(e => e.Value is ComponentInstance && Unversioned(e.Key) == Unversioned(instanceName)).Value as ComponentInstance;
        return exported?.GetFunction(function);
    }

    public static string Unversioned(string name) => name.Split('@')[0];
}
