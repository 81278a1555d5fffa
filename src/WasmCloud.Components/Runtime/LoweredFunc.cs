using WasmCloud.Components.Abi;
using WasmCloud.Components.Format;
using WasmCloud.Components.Types;
using WasmCloud.Wasm;

namespace WasmCloud.Components.Runtime;

/// <summary>
/// <c>canon lower</c>: a component function made callable by core code. The core arguments are lifted out
/// of the caller's memory, the callee runs, borrows the caller lent end, and the result is lowered back —
/// flat, or through the return pointer the caller passed as its last argument.
/// </summary>
internal static class LoweredFunc
{
    public static Func Create(FuncType type, ComponentFunc callee, CanonOptions options, Memory? memory, Func? realloc, InstantiationFrame frame)
    {
        var signature = CanonicalLayout.CoreSignature(type, lift: false);
        var parameterTypes = type.Parameters.Select(p => p.Type).ToArray();
        ValType[] resultTypes = type.Result is null ? [] : [type.Result];
        var flatCount = CanonicalLayout.Flatten(parameterTypes).Count;
        var flatParameters = flatCount > CanonicalLayout.MaxFlatParams ? 1 : flatCount;
        var resultThroughMemory = CanonicalLayout.Flatten(resultTypes).Count > CanonicalLayout.MaxFlatResults;
        return Func.FromCallback(frame.Store, signature, (_, args, results) =>
        {
            var state = frame.State;
            state.CheckMayLeave();
            var scope = new CallScope();
            var cx = new CallContext(memory, options.Encoding, realloc, state, frame.Resource, scope);
            var values = ValueLifter.LiftValues(cx, CanonicalLayout.MaxFlatParams, args[..flatParameters], parameterTypes);
            var result = callee.Invoke(frame.Store, values);
            scope.EndLends();
            if (result is null) return;
            uint? outPointer = resultThroughMemory ? (uint)args[flatParameters].AsI32() : null;
            var flat = ValueLowerer.LowerValues(cx, CanonicalLayout.MaxFlatResults, [result], resultTypes, outPointer);
            for (var i = 0; i < flat.Count; i++) results[i] = flat[i];
        });
    }
}
