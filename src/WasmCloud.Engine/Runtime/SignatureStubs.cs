using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using WasmCloud.Wasm.Compilation;
using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm;

/// <summary>Calls a compiled function from the dynamic API: arguments and results as <see cref="Value"/> arrays.</summary>
internal delegate void EntryStub(nint code, VmContext context, Value[] args, Value[] results, int budget);

/// <summary>
/// Per-signature glue between the dynamic <see cref="Value"/> world and compiled code: an entry stub
/// (host calls guest) and a host trampoline (guest calls a <see cref="HostFunctionCallback"/> through the
/// uniform calling convention). Emitted once per distinct signature per engine.
/// </summary>
internal sealed class SignatureStubs
{
    private readonly Dictionary<FuncType, (EntryStub Entry, nint Trampoline)> _stubs = [];
    private ModuleBuilder? _trampolineModule;
    private int _counter;

    public EntryStub Entry(FuncType type) => Get(type).Entry;

    public nint HostTrampoline(FuncType type) => Get(type).Trampoline;

    private (EntryStub Entry, nint Trampoline) Get(FuncType type)
    {
        lock (_stubs)
        {
            if (!_stubs.TryGetValue(type, out var stubs)) _stubs[type] = stubs = (EmitEntry(type), EmitTrampoline(type));
            return stubs;
        }
    }

    private static EntryStub EmitEntry(FuncType type)
    {
        var method = new DynamicMethod("wasm-entry", typeof(void),
            [typeof(nint), typeof(VmContext), typeof(Value[]), typeof(Value[]), typeof(int)], typeof(SignatureStubs).Module, skipVisibility: true);
        var il = new CilWriter(method.GetILGenerator());
        for (var i = 0; i < type.Parameters.Length; i++)
        {
            il.Op(OpCodes.Ldarg_2);
            il.LoadConstant(i);
            il.Op(OpCodes.Call, StubSupport.Getter(type.Parameters[i]));
        }
        il.LoadArgument(4);
        il.Op(OpCodes.Ldarg_1);
        il.Op(OpCodes.Ldarg_0);
        il.Calli(ClrTypes.ReturnType(type.Results), ClrTypes.ParameterTypes(type));
        EmitStoreResults(il, type.Results, () => il.Op(OpCodes.Ldarg_3));
        il.Op(OpCodes.Ret);
        return method.CreateDelegate<EntryStub>();
    }

    /// <summary>Stores the call's result(s), on the IL stack, into the array <paramref name="loadArray"/> pushes.</summary>
    private static void EmitStoreResults(CilWriter il, ValueType[] results, Action loadArray)
    {
        if (results.Length == 0) return;
        var returned = il.DeclareLocal(ClrTypes.ReturnType(results));
        il.Op(OpCodes.Stloc, returned);
        for (var i = 0; i < results.Length; i++)
        {
            loadArray();
            il.LoadConstant(i);
            if (results.Length == 1) il.Op(OpCodes.Ldloc, returned);
            else ClrTypes.EmitLoadItem(il, results, returned, i);
            il.Op(OpCodes.Call, StubSupport.Setter(results[i]));
        }
    }

    private nint EmitTrampoline(FuncType type)
    {
        _trampolineModule ??= DefineModule();
        var builder = _trampolineModule.DefineType($"HostTrampoline{++_counter}", TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed);
        var parameters = ClrTypes.ParameterTypes(type);
        var method = builder.DefineMethod("Invoke", MethodAttributes.Public | MethodAttributes.Static, ClrTypes.ReturnType(type.Results), parameters);
        var il = new CilWriter(method.GetILGenerator());
        var args = il.DeclareLocal(typeof(Value[]));
        il.LoadConstant(type.Parameters.Length);
        il.Op(OpCodes.Newarr, typeof(Value));
        il.Op(OpCodes.Stloc, args);
        for (var i = 0; i < type.Parameters.Length; i++)
        {
            il.Op(OpCodes.Ldloc, args);
            il.LoadConstant(i);
            il.LoadArgument(i);
            il.Op(OpCodes.Call, StubSupport.Setter(type.Parameters[i]));
        }
        il.LoadArgument(parameters.Length - 1);
        il.Op(OpCodes.Ldloc, args);
        il.LoadArgument(parameters.Length - 2);
        il.Op(OpCodes.Call, ClrTypes.Method(typeof(StubSupport), nameof(StubSupport.CallHost)));
        var results = il.DeclareLocal(typeof(Value[]));
        il.Op(OpCodes.Stloc, results);
        for (var i = 0; i < type.Results.Length; i++)
        {
            il.Op(OpCodes.Ldloc, results);
            il.LoadConstant(i);
            il.Op(OpCodes.Call, StubSupport.Getter(type.Results[i]));
        }
        if (type.Results.Length > 1) ClrTypes.EmitPack(il, type.Results);
        il.Op(OpCodes.Ret);
        return builder.CreateType().GetMethod("Invoke")!.MethodHandle.GetFunctionPointer();
    }

    private static ModuleBuilder DefineModule()
    {
        var name = new AssemblyName("wasm-host-trampolines");
        var ignoreChecks = new CustomAttributeBuilder(
            typeof(IgnoresAccessChecksToAttribute).GetConstructor([typeof(string)])!,
            [typeof(SignatureStubs).Assembly.GetName().Name!]);
        return AssemblyBuilder.DefineDynamicAssembly(name, AssemblyBuilderAccess.RunAndCollect, [ignoreChecks]).DefineDynamicModule(name.Name!);
    }
}
