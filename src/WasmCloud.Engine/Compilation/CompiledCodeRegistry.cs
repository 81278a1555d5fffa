using System.Diagnostics;
using System.Runtime.CompilerServices;
using WasmCloud.Wasm.Format;

namespace WasmCloud.Wasm.Compilation;

/// <summary>Maps emitted types back to their modules, to turn .NET stack frames into Wasm backtraces.</summary>
internal static class CompiledCodeRegistry
{
    public const string MethodPrefix = "wasm-function[";
    private static readonly ConditionalWeakTable<Type, ModuleDefinition> Modules = new();

    public static void Register(Type type, ModuleDefinition definition) => Modules.AddOrUpdate(type, definition);

    public static string MethodName(int functionIndex) => $"{MethodPrefix}{functionIndex}]";

    public static IReadOnlyList<WasmFrame> GuestFrames(StackTrace trace)
    {
        var frames = new List<WasmFrame>();
        foreach (var frame in trace.GetFrames())
        {
            var method = frame.GetMethod();
            if (method?.DeclaringType is not { } type || !Modules.TryGetValue(type, out var definition)) continue;
            if (!method.Name.StartsWith(MethodPrefix, StringComparison.Ordinal)) continue;
            if (!int.TryParse(method.Name.AsSpan(MethodPrefix.Length, method.Name.Length - MethodPrefix.Length - 1), out var index)) continue;
            frames.Add(new WasmFrame(definition.Names.ModuleName, index, definition.FunctionName(index)));
        }
        return frames;
    }
}
