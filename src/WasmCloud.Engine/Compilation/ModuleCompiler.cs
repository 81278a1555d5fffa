using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using WasmCloud.Wasm.Format;
using WasmCloud.Wasm.Validation;

namespace WasmCloud.Wasm.Compilation;

/// <summary>
/// Compiles a validated module into one type of a collectible assembly: a static method per function
/// (jitted straight at full optimisation, since collectible code skips tiering), plus a method that
/// returns every function's entry point so instantiation needs no reflection.
/// </summary>
internal static class ModuleCompiler
{
    private const string PointersMethod = "FunctionPointers";
    private static int _assemblyCounter;

    public static CompiledCode Compile(ModuleDefinition definition, FunctionFacts[] facts, int[] canonicalTypeIds)
    {
        var name = new AssemblyName($"wasm-module-{Interlocked.Increment(ref _assemblyCounter)}");
        var ignoreChecks = new CustomAttributeBuilder(
            typeof(IgnoresAccessChecksToAttribute).GetConstructor([typeof(string)])!,
            [typeof(ModuleCompiler).Assembly.GetName().Name!]);
        var assembly = AssemblyBuilder.DefineDynamicAssembly(name, AssemblyBuilderAccess.RunAndCollect, [ignoreChecks]);
        var module = assembly.DefineDynamicModule(name.Name!);
        var type = module.DefineType("WasmModule", TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.Class);

        var definedCount = definition.Bodies.Length;
        var methods = new MethodBuilder[definedCount];
        for (var i = 0; i < definedCount; i++)
        {
            var index = definition.ImportedFunctionCount + i;
            var signature = definition.FunctionType(index);
            methods[i] = type.DefineMethod(CompiledCodeRegistry.MethodName(index), MethodAttributes.Public | MethodAttributes.Static,
                ClrTypes.ReturnType(signature.Results), ClrTypes.ParameterTypes(signature));
        }

        var compilation = new ModuleCompilation(definition, methods, canonicalTypeIds);
        for (var i = 0; i < definedCount; i++)
            new FunctionCompiler(compilation, definition.ImportedFunctionCount + i, methods[i].GetILGenerator()).Compile(facts[i]);

        EmitPointersMethod(type, methods);
        var created = type.CreateType();
        CompiledCodeRegistry.Register(created, definition);
        var pointers = (nint[])created.GetMethod(PointersMethod)!.Invoke(null, null)!;
        return new CompiledCode(created, pointers);
    }

    private static void EmitPointersMethod(TypeBuilder type, MethodBuilder[] methods)
    {
        var method = type.DefineMethod(PointersMethod, MethodAttributes.Public | MethodAttributes.Static, typeof(nint[]), Type.EmptyTypes);
        var il = method.GetILGenerator();
        il.Emit(OpCodes.Ldc_I4, methods.Length);
        il.Emit(OpCodes.Newarr, typeof(nint));
        for (var i = 0; i < methods.Length; i++)
        {
            il.Emit(OpCodes.Dup);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldftn, methods[i]);
            il.Emit(OpCodes.Stelem_I);
        }
        il.Emit(OpCodes.Ret);
    }
}
