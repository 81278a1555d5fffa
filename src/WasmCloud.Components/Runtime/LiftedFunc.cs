using WasmCloud.Components.Abi;
using WasmCloud.Components.Format;
using WasmCloud.Components.Types;
using WasmCloud.Wasm;

namespace WasmCloud.Components.Runtime;

/// <summary>
/// <c>canon lift</c>: a core function seen as a component function. A call lowers the arguments into the
/// callee's memory, runs it, lifts the result, checks that every borrow it received was dropped, then runs
/// its post-return function with leaving the instance forbidden.
/// </summary>
internal sealed class LiftedFunc(FuncType type, Func core, CanonOptions options, Memory? memory, Func? realloc, Func? postReturn, InstantiationFrame frame)
    : ComponentFunc(type)
{
    private readonly ValType[] _parameterTypes = type.Parameters.Select(p => p.Type).ToArray();
    private readonly ValType[] _resultTypes = type.Result is null ? [] : [type.Result];

    internal override ComponentValue? Invoke(ComponentValue[] args)
    {
        var state = frame.State;
        if (!state.MayEnter) throw new ComponentTrap("cannot enter component instance");
        var scope = new CallScope();
        var cx = new CallContext(memory, options.Encoding, realloc, state, frame.Resource, scope);
        state.MayEnter = false;
        try
        {
            var flat = ValueLowerer.LowerValues(cx, CanonicalLayout.MaxFlatParams, args, _parameterTypes);
            var results = core.Call([.. flat]);
            var lifted = ValueLifter.LiftValues(cx, CanonicalLayout.MaxFlatResults, results, _resultTypes);
            if (scope.Borrows > 0) throw new ComponentTrap("borrow handles still remain at the end of the call");
            if (postReturn is not null)
            {
                state.MayLeave = false;
                try
                {
                    postReturn.Call(results);
                }
                finally
                {
                    state.MayLeave = true;
                }
            }
            return lifted.Length == 0 ? null : lifted[0];
        }
        finally
        {
            state.MayEnter = true;
        }
    }
}
