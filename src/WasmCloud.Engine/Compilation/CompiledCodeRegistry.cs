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
            // Chunks of split functions are named after their function, with a suffix after the bracket.
            var close = method.Name.IndexOf(']', MethodPrefix.Length);
            if (close < 0 || !int.TryParse(method.Name.AsSpan(MethodPrefix.Length, close - MethodPrefix.Length), out var index)) continue;
            frames.Add(new WasmFrame(definition.Names.ModuleName, index, definition.FunctionName(index)));
        }
        return frames;
    }
}
