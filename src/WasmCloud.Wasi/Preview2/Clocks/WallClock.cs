using WasmCloud.Components;
using WasmCloud.Components.Runtime;

namespace WasmCloud.Wasi.Preview2.Clocks;

/// <summary>wasi:clocks/wall-clock: the UTC time since the Unix epoch as a datetime (seconds, nanoseconds).</summary>
internal static class WallClock
{
    public static readonly Components.Types.ValType Datetime = Wit.Record(("seconds", Wit.U64), ("nanoseconds", Wit.U32));

    public static ComponentValue ToDatetime(DateTimeOffset time)
    {
        var ticks = Math.Max(0, (time - DateTimeOffset.UnixEpoch).Ticks);
        return new RecordValue([("seconds", Val.U64(ticks / TimeSpan.TicksPerSecond)), ("nanoseconds", ComponentValue.U32((uint)(ticks % TimeSpan.TicksPerSecond * 100)))]);
    }

    public static DateTimeOffset FromDatetime(ComponentValue value)
    {
        var fields = ((RecordValue)value).Fields;
        var seconds = Val.ToU64(fields[0].Value);
        var nanoseconds = Val.ToU64(fields[1].Value);
        return DateTimeOffset.UnixEpoch.AddTicks((long)seconds * TimeSpan.TicksPerSecond + (long)nanoseconds / 100);
    }

    public static void Define(ComponentLinker linker) =>
        new HostInterface("wasi:clocks/wall-clock")
            .ValueTypes("datetime")
            .Function("now", Wit.Func(Datetime), _ => ToDatetime(DateTimeOffset.UtcNow))
            // DateTimeOffset counts 100 ns ticks.
            .Function("resolution", Wit.Func(Datetime), _ => new RecordValue([("seconds", Val.U64(0UL)), ("nanoseconds", ComponentValue.U32(100))]))
            .DefineIn(linker);
}
