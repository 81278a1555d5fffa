using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using WasmCloud.Wasm.Format;
using WasmCloud.Wasm.Validation;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm.Compilation;

/// <summary>
/// Compiles a validated module into one type: a static method per function, plus a method that returns
/// every function's entry point so instantiation needs no reflection. Either straight into a collectible
/// in-memory assembly, or into a PE image that can be cached on disk and loaded into a collectible
/// load context. Methods are marked AggressiveOptimization, so RyuJIT compiles them once at full
/// optimisation in both cases.
/// </summary>
internal static class ModuleCompiler
{
    private const string TypeName = "WasmModule";
    private const string PointersMethod = "FunctionPointers";
    private static int _assemblyCounter;

    public static CompiledCode Compile(ModuleDefinition definition, FunctionFacts[] facts, CompilerSettings settings)
    {
        var name = NextAssemblyName();
        var assembly = AssemblyBuilder.DefineDynamicAssembly(name, AssemblyBuilderAccess.RunAndCollect, [IgnoreAccessChecks()]);
        var type = EmitType(assembly.DefineDynamicModule(name.Name!), definition, facts, settings).CreateType();
        return Finish(type, definition);
    }

    /// <summary>Compiles to the bytes of an assembly, for the compile cache.</summary>
    public static byte[] CompileToImage(ModuleDefinition definition, FunctionFacts[] facts, CompilerSettings settings)
    {
        var name = NextAssemblyName();
        var assembly = new PersistedAssemblyBuilder(name, typeof(object).Assembly, [IgnoreAccessChecks()]);
        EmitType(assembly.DefineDynamicModule(name.Name!), definition, facts, settings).CreateType();
        using var image = new MemoryStream();
        assembly.Save(image);
        return image.ToArray();
    }

    /// <summary>Loads an image made by <see cref="CompileToImage"/>; unloaded with the last reference to its code.</summary>
    public static CompiledCode Load(byte[] image, ModuleDefinition definition)
    {
        var context = new AssemblyLoadContext(NextAssemblyName().Name, isCollectible: true);
        using var stream = new MemoryStream(image, writable: false);
        var type = context.LoadFromStream(stream).GetType(TypeName)
            ?? throw new WasmException("the cached compilation holds no compiled module");
        return Finish(type, definition);
    }

    private static AssemblyName NextAssemblyName() => new($"wasm-module-{Interlocked.Increment(ref _assemblyCounter)}");

    private static CustomAttributeBuilder IgnoreAccessChecks() => new(
        typeof(IgnoresAccessChecksToAttribute).GetConstructor([typeof(string)])!,
        [typeof(ModuleCompiler).Assembly.GetName().Name!]);

    private static CompiledCode Finish(Type type, ModuleDefinition definition)
    {
        CompiledCodeRegistry.Register(type, definition);
        var pointers = (nint[])type.GetMethod(PointersMethod)!.Invoke(null, null)!;
        return new CompiledCode(type, pointers);
    }

    private static TypeBuilder EmitType(ModuleBuilder module, ModuleDefinition definition, FunctionFacts[] facts, CompilerSettings settings)
    {
        var type = module.DefineType(TypeName, TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.Class);
        var definedCount = definition.Bodies.Length;
        var methods = new MethodBuilder[definedCount];
        for (var i = 0; i < definedCount; i++)
        {
            var index = definition.ImportedFunctionCount + i;
            var signature = definition.FunctionType(index);
            methods[i] = type.DefineMethod(CompiledCodeRegistry.MethodName(index), MethodAttributes.Public | MethodAttributes.Static,
                ClrTypes.ReturnType(signature.Results), ClrTypes.ParameterTypes(signature));
            methods[i].SetImplementationFlags(MethodImplAttributes.AggressiveOptimization);
        }

        var compilation = new ModuleCompilation(definition, type, methods, settings.ConsumeFuel);
        for (var i = 0; i < definedCount; i++)
            CompilerFor(compilation, definition.ImportedFunctionCount + i, methods[i].GetILGenerator(), settings.SplitThreshold).Compile(facts[i]);

        EmitPointersMethod(type, methods);
        return type;
    }

    /// <summary>A function whose body exceeds the threshold is split into chunks, when its structure allows.</summary>
    private static FunctionCompiler CompilerFor(ModuleCompilation compilation, int functionIndex, ILGenerator il, int splitThreshold)
    {
        var definition = compilation.Definition;
        var body = definition.Bodies[functionIndex - definition.ImportedFunctionCount];
        if (body.Code.Length <= splitThreshold) return new FunctionCompiler(compilation, functionIndex, il);
        // Small minimum chunks matter: a giant switch keeps each case in a frame of its own.
        var maximumChunk = Math.Max(1, splitThreshold * 3 / 4);
        var chunks = SplitPlanner.Plan(ModuleValidator.StatementBoundaries(definition, functionIndex), Math.Clamp(maximumChunk / 8, 1, 64), maximumChunk);
        if (chunks.Count == 0) return new FunctionCompiler(compilation, functionIndex, il);
        ValueType[] locals = [.. definition.FunctionType(functionIndex).Parameters, .. body.Locals];
        return new FunctionCompiler(compilation, functionIndex, il, new SplitLayout(locals, SplitLayout.TransferCountFor(definition)), chunks);
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
