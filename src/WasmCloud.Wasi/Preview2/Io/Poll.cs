using WasmCloud.Components;
using WasmCloud.Components.Runtime;

namespace WasmCloud.Wasi.Preview2.Io;

/// <summary>wasi:io/poll: <c>pollable</c> (<c>ready</c>, <c>block</c>) and <c>poll</c>, which waits for any of a list.</summary>
internal static class Poll
{
    public static void Define(WasiPreview2 wasi, ComponentLinker linker)
    {
        var pollable = wasi.Pollable;
        new HostInterface("wasi:io/poll")
            .Resource("pollable", pollable)
            .Method(pollable, "pollable", "ready", Wit.Bool, [], args => ComponentValue.Bool(pollable.Get<Pollable>(args[0]).Ready.IsCompleted))
            .Method(pollable, "pollable", "block", null, [], (cx, args) =>
            {
                cx.WaitAny([pollable.Get<Pollable>(args[0]).Ready]);
                return null;
            })
            .Function("poll", Wit.Func(Wit.List(Wit.U32), ("in", Wit.List(pollable.Borrow))), (cx, args) =>
            {
                var tasks = Val.ToList(args[0]).Select(handle => pollable.Get<Pollable>(handle).Ready).ToArray();
                if (tasks.Length == 0) throw new ComponentTrap("poll needs at least one pollable");
                if (!tasks.Any(t => t.IsCompleted)) cx.WaitAny(tasks);
                return new ListValue(Enumerable.Range(0, tasks.Length).Where(i => tasks[i].IsCompleted).Select(i => ComponentValue.U32((uint)i)).ToArray());
            })
            .DefineIn(linker);
    }
}
