using System.Diagnostics;
using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Wasi.Preview1;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wasm;

// Times instantiation from the pre-instantiated form of a core module or a component: N instances made one
// after another, each in a store disposed before the next (as a host does per invocation), reporting the
// median and the managed heap before and after; components get the WASI 0.2 host and a fresh WASI context
// per instance. The first 500 instances warm the runtime up (tiered compilation) and are not counted.
// Usage: InstantiateBench FILE.wasm [N] [--trap-imports]
// --trap-imports satisfies a core module's function imports with functions that trap when called: for
// timing instantiation alone of a module whose real imports are not available (nothing is called).
var trapImports = args.Contains("--trap-imports");
args = args.Where(a => a != "--trap-imports").ToArray();
var file = args[0];
var count = args.Length > 1 ? int.Parse(args[1]) : 10_000;
var bytes = File.ReadAllBytes(file);
var engine = new Engine();
var isComponent = CommandComponent.IsComponent(bytes);
Action<Store> instantiate = isComponent ? PrepareComponent() : PrepareModule();

var samples = new double[count];
for (var i = 0; i < 500; i++) Instantiate();
var managedBefore = SettledHeap();
for (var i = 0; i < count; i++) samples[i] = Instantiate();
var managedAfter = SettledHeap();
Array.Sort(samples);
Console.WriteLine($"{Path.GetFileName(file)}: {count} instantiations, median {samples[count / 2]:F1} µs, p99 {samples[count * 99 / 100]:F1} µs, managed heap {managedBefore / 1024} -> {managedAfter / 1024} KiB");
return 0;

double Instantiate()
{
    using var wasi = isComponent ? new WasiContext(new WasiConfiguration()) : null;
    var start = Stopwatch.GetTimestamp();
    using var store = new Store(engine) { Data = wasi };
    instantiate(store);
    return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
}

Action<Store> PrepareModule()
{
    var module = Module.FromBytes(engine, bytes);
    var linker = new Linker(engine);
    if (trapImports)
    {
        foreach (var import in module.Imports.Where(i => i.Kind == WasmCloud.Wasm.Format.ExternKind.Function))
            linker.DefineFunction(import.Module, import.Name, module.Definition.Types[import.FunctionTypeIndex],
                (_, _, _) => throw new InvalidOperationException($"{import.Module}.{import.Name} is a placeholder"));
    }
    else new WasiPreview1(new WasiConfiguration()).AddTo(linker);
    var pre = linker.InstantiatePre(module);
    return store => pre.Instantiate(store);
}

Action<Store> PrepareComponent()
{
    var linker = new ComponentLinker(engine);
    new WasiPreview2().AddTo(linker);
    var pre = linker.Prepare(Component.FromBytes(engine, bytes));
    return store => pre.Instantiate(store);
}


static long SettledHeap()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    return GC.GetTotalMemory(forceFullCollection: true);
}
