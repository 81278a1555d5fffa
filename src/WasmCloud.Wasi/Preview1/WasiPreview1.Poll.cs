using System.Diagnostics;
using WasmCloud.Wasm;

namespace WasmCloud.Wasi.Preview1;

/// <summary>
/// <c>poll_oneoff(in, out, nsubscriptions) -> nevents</c>: what Rust's <c>thread::sleep</c> and C's <c>nanosleep</c>
/// and <c>poll</c> come down to. Descriptor subscriptions (read or write on a stream or file) are ready at once, as
/// Wasmtime answers for files and standard streams; an unknown descriptor is an event with <c>BADF</c>. Without a
/// ready descriptor the call sleeps until the earliest clock subscription is due and reports every one that is.
/// </summary>
public sealed partial class WasiPreview1
{
    private const byte EventClock = 0, EventFdRead = 1, EventFdWrite = 2;
    private const ushort SubscriptionClockAbstime = 1;

    private Errno PollOneoff(GuestMemory memory, ReadOnlySpan<Value> args)
    {
        var (input, output, count, eventsOut) = (U(args[0]), U(args[1]), U(args[2]), U(args[3]));
        if (count == 0) return Errno.Inval;
        var events = new List<(ulong UserData, Errno Error, byte Type, ulong Bytes)>();
        var clocks = new List<(ulong UserData, long DueTicks)>();
        var now = Stopwatch.GetTimestamp();
        for (uint i = 0; i < count; i++)
        {
            var subscription = input + 48 * i;
            var userData = memory.ReadU64(subscription);
            var tag = memory.ReadU8(subscription + 8);
            switch (tag)
            {
                case EventClock:
                    var clock = memory.ReadU32(subscription + 16);
                    var timeout = memory.ReadU64(subscription + 24);
                    var absolute = (memory.ReadU16(subscription + 40) & SubscriptionClockAbstime) != 0;
                    if (clock > 3) events.Add((userData, Errno.Inval, EventClock, 0));
                    else clocks.Add((userData, now + Delay(clock, timeout, absolute)));
                    break;
                case EventFdRead or EventFdWrite:
                    var fd = (int)memory.ReadU32(subscription + 16);
                    var descriptor = _descriptors.Get(fd);
                    events.Add((userData, descriptor is StreamDescriptor ? Errno.Success : descriptor is null ? Errno.BadF : Errno.Perm, tag,
                        descriptor is StreamDescriptor { Stream.CanSeek: true } file && tag == EventFdRead ? (ulong)Math.Max(0, file.Stream.Length - file.Stream.Position) : 0));
                    break;
                default:
                    return Errno.Inval;
            }
        }
        if (events.Count == 0)
        {
            var due = clocks.Min(c => c.DueTicks);
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > 0) Thread.Sleep(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
            events.AddRange(clocks.Where(c => c.DueTicks <= due).Select(c => (c.UserData, Errno.Success, EventClock, 0UL)));
        }
        for (var i = 0; i < events.Count; i++)
        {
            var slot = output + 32 * (uint)i;
            memory.Slice(slot, 32).Clear();
            memory.WriteU64(slot, events[i].UserData);
            memory.WriteU16(slot + 8, (ushort)events[i].Error);
            memory.WriteU8(slot + 10, events[i].Type);
            memory.WriteU64(slot + 16, events[i].Bytes);
        }
        memory.WriteU32(eventsOut, (uint)events.Count);
        return Errno.Success;
    }

    /// <summary>How long from now a clock subscription is due, in stopwatch ticks (an absolute time on the realtime clock is measured from now).</summary>
    private static long Delay(uint clock, ulong timeout, bool absolute)
    {
        var nanoseconds = timeout;
        if (absolute)
        {
            ulong current = clock == 0 ? (ulong)(DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100 : (ulong)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));
            nanoseconds = timeout > current ? timeout - current : 0;
        }
        return (long)Math.Min(nanoseconds * (Stopwatch.Frequency / 1_000_000_000.0), long.MaxValue / 2);
    }
}
