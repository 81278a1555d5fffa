using System.Diagnostics;
using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Wasi.Preview2.Io;

namespace WasmCloud.Wasi.Preview2.Clocks;

/// <summary>
/// wasi:clocks/monotonic-clock: nanoseconds of <see cref="Stopwatch"/>, and pollables that complete at an
/// instant or after a duration through timer tasks, so a sleeping guest holds no thread.
/// </summary>
internal static class MonotonicClock
{
    public static ulong Now() => (ulong)((UInt128)(ulong)Stopwatch.GetTimestamp() * 1_000_000_000 / (ulong)Stopwatch.Frequency);

    public static void Define(WasiPreview2 wasi, ComponentLinker linker) =>
        new HostInterface("wasi:clocks/monotonic-clock")
            .Resource("pollable", wasi.Pollable)
            .ValueTypes("instant", "duration")
            .Function("now", Wit.Func(Wit.U64), _ => Val.U64(Now()))
            .Function("resolution", Wit.Func(Wit.U64), _ => Val.U64(Math.Max(1UL, 1_000_000_000UL / (ulong)Stopwatch.Frequency)))
            .Function("subscribe-instant", Wit.Func(wasi.Pollable.Own, ("when", Wit.U64)), (cx, args) =>
            {
                var when = Val.ToU64(args[0]);
                var now = Now();
                return Subscribe(wasi, cx, when > now ? when - now : 0);
            })
            .Function("subscribe-duration", Wit.Func(wasi.Pollable.Own, ("when", Wit.U64)), (cx, args) => Subscribe(wasi, cx, Val.ToU64(args[0])))
            .DefineIn(linker);

    private static ComponentValue Subscribe(WasiPreview2 wasi, WasiContext cx, ulong nanoseconds)
    {
        if (nanoseconds == 0) return wasi.Pollable.New(cx, Pollable.Completed);
        var timer = Delay(nanoseconds);
        return wasi.Pollable.New(cx, new Pollable(() => timer));
    }

    /// <summary>A timer of any u64 length: Task.Delay takes at most about 49 days at a time.</summary>
    private static async Task Delay(ulong nanoseconds)
    {
        var longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
        var remaining = nanoseconds / 100;
        while (remaining > (ulong)longest.Ticks)
        {
            await Task.Delay(longest);
            remaining -= (ulong)longest.Ticks;
        }
        // Round up: waking before the instant would make a guest's sleep return early.
        await Task.Delay(TimeSpan.FromTicks((long)remaining + 1));
    }
}
