using WasmCloud.Components.Format;
using WasmCloud.Components.Runtime;
using WasmCloud.Components.Types;
using WasmCloud.Wasm;
using CoreFuncType = WasmCloud.Wasm.Format.FuncType;
using FuncType = WasmCloud.Components.Types.FuncType;

namespace WasmCloud.Components.Translation;

/// <summary>One initializer: appends one entry to one index space of the instance being built.</summary>
internal abstract record Step
{
    public abstract void Run(InstantiationFrame frame);
}

/// <summary>A value known at load time: a compiled core module, or a type with no runtime identity.</summary>
internal sealed record PushStep(Sort Sort, object? Value) : Step
{
    public override void Run(InstantiationFrame frame) => frame.Push(Sort, Value);
}

internal sealed record ImportStep(string Name, Sort Sort) : Step
{
    public override void Run(InstantiationFrame frame) =>
        frame.Push(Sort, frame.Arguments.TryGetValue(Name, out var value) ? value : throw new ComponentException($"missing import `{Name}`"));
}

internal sealed record ExportStep(string Name, SortIndex Item) : Step
{
    public override void Run(InstantiationFrame frame)
    {
        var value = frame.Get(Item.Sort, Item.Index);
        frame.Exports[Name] = value;
        frame.Push(Item.Sort, value);
    }
}

internal sealed record CoreInstantiateStep(int Module, CoreInstantiateArg[] Args) : Step
{
    public override void Run(InstantiationFrame frame)
    {
        var module = frame.Get<Module>(Sort.CoreModule, Module);
        var imports = new Extern[module.Imports.Count];
        for (var i = 0; i < imports.Length; i++)
        {
            var import = module.Imports[i];
            var arg = Args.First(a => a.Name == import.Module);
            var instance = frame.Get<IReadOnlyDictionary<string, Extern>>(Sort.CoreInstance, arg.Instance);
            imports[i] = instance.TryGetValue(import.Name, out var item) ? item : throw new LinkException($"missing core export `{import.Name}` for import `{import.Module}`");
        }
        frame.Push(Sort.CoreInstance, Instance.Create(frame.Store, module, imports).Exports);
    }
}

internal sealed record CoreInlineInstanceStep(InlineExport[] Exports) : Step
{
    public override void Run(InstantiationFrame frame) =>
        frame.Push(Sort.CoreInstance, Exports.ToDictionary(e => e.Name, e => frame.Get<Extern>(e.Item.Sort, e.Item.Index), StringComparer.Ordinal));
}

internal sealed record CoreAliasStep(Sort Sort, int Instance, string Name) : Step
{
    public override void Run(InstantiationFrame frame) =>
        frame.Push(Sort, frame.Get<IReadOnlyDictionary<string, Extern>>(Sort.CoreInstance, Instance)[Name]);
}

internal sealed record ComponentDefinitionStep(ComponentPlan Plan) : Step
{
    public override void Run(InstantiationFrame frame) => frame.Push(Sort.Component, new ComponentClosure(Plan, frame));
}

internal sealed record InstantiateStep(int Component, InstantiateArg[] Args) : Step
{
    public override void Run(InstantiationFrame frame)
    {
        var closure = frame.Get<ComponentClosure>(Sort.Component, Component);
        var arguments = Args.ToDictionary(a => a.Name, a => frame.Get(a.Item.Sort, a.Item.Index), StringComparer.Ordinal);
        frame.Push(Sort.Instance, Instantiator.Run(closure.Plan, frame.Store, closure.Outer, arguments));
    }
}

internal sealed record InlineInstanceStep(InlineExport[] Exports) : Step
{
    public override void Run(InstantiationFrame frame) =>
        frame.Push(Sort.Instance, new ComponentInstance(Exports.ToDictionary(e => e.Name, e => frame.Get(e.Item.Sort, e.Item.Index), StringComparer.Ordinal)));
}

internal sealed record AliasExportStep(Sort Sort, int Instance, string Name) : Step
{
    public override void Run(InstantiationFrame frame) =>
        frame.Push(Sort, frame.Get<ComponentInstance>(Sort.Instance, Instance).Exports[Name]);
}

internal sealed record OuterAliasStep(Sort Sort, int Count, int Index) : Step
{
    public override void Run(InstantiationFrame frame)
    {
        var target = frame;
        for (var i = 0; i < Count; i++) target = target.Parent ?? throw new ComponentException("outer alias beyond the outermost component");
        frame.Push(Sort, target.Get(Sort, Index));
    }
}

/// <summary>A resource type definition: a fresh runtime type per instance, with the destructor core function.</summary>
internal sealed record ResourceDefinitionStep(string Name, int? Destructor) : Step
{
    public override void Run(InstantiationFrame frame)
    {
        var destructor = Destructor is { } index ? frame.Get<Func>(Sort.CoreFunc, index) : null;
        frame.Push(Sort.Type, ResourceType.Guest(Name, frame.State, destructor is null ? null : rep => destructor.Call(Value.I32(rep))));
    }
}

internal sealed record CanonLiftStep(int CoreFunc, CanonOptions Options, FuncType Type) : Step
{
    public override void Run(InstantiationFrame frame)
    {
        var (memory, realloc) = Resolve(frame, Options);
        var postReturn = Options.PostReturn is { } p ? frame.Get<Func>(Sort.CoreFunc, p) : null;
        frame.Push(Sort.Func, new LiftedFunc(Type, frame.Get<Func>(Sort.CoreFunc, CoreFunc), Options, memory, realloc, postReturn, frame));
    }

    public static (Memory?, Func?) Resolve(InstantiationFrame frame, CanonOptions options) =>
        (options.Memory is { } m ? frame.Get<Memory>(Sort.CoreMemory, m) : null, options.Realloc is { } r ? frame.Get<Func>(Sort.CoreFunc, r) : null);
}

internal sealed record CanonLowerStep(int Func, CanonOptions Options, FuncType Type) : Step
{
    public override void Run(InstantiationFrame frame)
    {
        var (memory, realloc) = CanonLiftStep.Resolve(frame, Options);
        frame.Push(Sort.CoreFunc, LoweredFunc.Create(Type, frame.Get<ComponentFunc>(Sort.Func, Func), Options, memory, realloc, frame));
    }
}

internal enum ResourceBuiltin { New, Drop, Rep }

/// <summary><c>canon resource.new/drop/rep</c> as core functions over the instance's handle table.</summary>
internal sealed record ResourceBuiltinStep(ResourceBuiltin Builtin, ResourceIdentity Resource) : Step
{
    private static readonly CoreFuncType I32ToI32 = new([WasmCloud.Wasm.Format.ValueType.I32], [WasmCloud.Wasm.Format.ValueType.I32]);
    private static readonly CoreFuncType I32ToNothing = new([WasmCloud.Wasm.Format.ValueType.I32], []);

    public override void Run(InstantiationFrame frame)
    {
        var state = frame.State;
        var resource = frame.Resource(Resource);
        frame.Push(Sort.CoreFunc, Builtin switch
        {
            ResourceBuiltin.New => Func.FromCallback(frame.Store, I32ToI32, (_, args, results) =>
            {
                state.CheckMayLeave();
                results[0] = Value.I32(state.Handles.Add(new ResourceHandle(resource!, args[0].AsI32(), own: true, borrowScope: null)));
            }),
            ResourceBuiltin.Rep => Func.FromCallback(frame.Store, I32ToI32, (_, args, results) =>
            {
                var handle = state.Handles.Get(args[0].AsI32());
                Abi.ValueLifter.CheckType(handle, resource, args[0].AsI32());
                results[0] = Value.I32(handle.Rep);
            }),
            _ => Func.FromCallback(frame.Store, I32ToNothing, (_, args, _) => Drop(state, resource, args[0].AsI32())),
        });
    }

    private static void Drop(ComponentInstanceState state, ResourceType? resource, int index)
    {
        state.CheckMayLeave();
        var handle = state.Handles.Get(index);
        Abi.ValueLifter.CheckType(handle, resource, index);
        if (handle.Lends != 0) throw new ComponentTrap("cannot remove owned resource while borrowed");
        state.Handles.Remove(index);
        if (handle.Own) handle.Type.Destructor?.Invoke(handle.Rep);
        else handle.BorrowScope!.Borrows--;
    }
}
