using WasmCloud.Components;
using WasmCloud.Wasi.Preview2;

namespace WasmCloud.Host.Capabilities.Sql;

/// <summary>Dates and times between Npgsql's .NET values and the interface's records (infinite dates as its infinity cases).</summary>
internal static class PgTime
{
    public static ComponentValue Date(DateOnly date) =>
        date == DateOnly.MaxValue ? new VariantValue("positive-infinity", null)
        : date == DateOnly.MinValue ? new VariantValue("negative-infinity", null)
        : new VariantValue("ymd", new TupleValue([ComponentValue.S32(date.Year), ComponentValue.U32((uint)date.Month), ComponentValue.U32((uint)date.Day)]));

    public static DateOnly ToDate(ComponentValue value)
    {
        var (@case, payload) = Val.ToVariant(value);
        if (@case == "positive-infinity") return DateOnly.MaxValue;
        if (@case == "negative-infinity") return DateOnly.MinValue;
        var parts = ((TupleValue)payload!).Elements;
        return new DateOnly((int)((IntegerValue)parts[0]).Bits, (int)((IntegerValue)parts[1]).Bits, (int)((IntegerValue)parts[2]).Bits);
    }

    public static ComponentValue Time(TimeOnly time) => new RecordValue([
        ("hour", ComponentValue.U32((uint)time.Hour)), ("min", ComponentValue.U32((uint)time.Minute)), ("sec", ComponentValue.U32((uint)time.Second)),
        ("micro", ComponentValue.U32((uint)(time.Ticks % TimeSpan.TicksPerSecond / 10))),
    ]);

    public static TimeOnly ToTime(ComponentValue value)
    {
        var f = ((RecordValue)value).Fields;
        long U(int i) => ((IntegerValue)f[i].Value).Bits;
        return new TimeOnly(new TimeSpan(0, (int)U(0), (int)U(1), (int)U(2)).Ticks + U(3) * 10);
    }

    public static ComponentValue Timestamp(DateTime at) =>
        new RecordValue([("date", Date(DateOnly.FromDateTime(at))), ("time", at == DateTime.MaxValue || at == DateTime.MinValue ? Time(TimeOnly.MinValue) : Time(TimeOnly.FromDateTime(at)))]);

    public static DateTime ToTimestamp(ComponentValue value, DateTimeKind kind)
    {
        var f = ((RecordValue)value).Fields;
        var date = ToDate(f[0].Value);
        if (date == DateOnly.MaxValue) return DateTime.SpecifyKind(DateTime.MaxValue, kind);
        if (date == DateOnly.MinValue) return DateTime.SpecifyKind(DateTime.MinValue, kind);
        return date.ToDateTime(ToTime(f[1].Value), kind);
    }

    /// <summary>A <c>timestamptz</c> as Postgres hands it over: the instant in UTC, offset zero.</summary>
    public static ComponentValue TimestampTz(DateTime utc) =>
        new RecordValue([("timestamp", Timestamp(utc)), ("offset", new VariantValue("eastern-hemisphere-secs", ComponentValue.S32(0)))]);

    public static DateTime ToTimestampTz(ComponentValue value)
    {
        var f = ((RecordValue)value).Fields;
        var local = ToTimestamp(f[0].Value, DateTimeKind.Unspecified);
        if (local == DateTime.MaxValue || local == DateTime.MinValue) return DateTime.SpecifyKind(local, DateTimeKind.Utc);
        var (direction, seconds) = Val.ToVariant(f[1].Value);
        var offset = ((IntegerValue)seconds!).Bits * (direction == "eastern-hemisphere-secs" ? 1 : -1);
        return DateTime.SpecifyKind(local.AddSeconds(-offset), DateTimeKind.Utc);
    }

    public static ComponentValue TimeTz(DateTimeOffset at) =>
        new RecordValue([("timesonze", ComponentValue.String(at.Offset < TimeSpan.Zero ? "-" + at.Offset.ToString(@"hh\:mm") : "+" + at.Offset.ToString(@"hh\:mm"))),
            ("time", Time(TimeOnly.FromTimeSpan(at.TimeOfDay)))]);

    public static DateTimeOffset ToTimeTz(ComponentValue value)
    {
        var f = ((RecordValue)value).Fields;
        var zone = Val.ToText(f[0].Value);
        var offset = zone is "" or "Z" or "UTC" ? TimeSpan.Zero : TimeSpan.Parse(zone.TrimStart('+'), System.Globalization.CultureInfo.InvariantCulture);
        return new DateTimeOffset(new DateTime(1, 1, 2).Add(ToTime(f[1].Value).ToTimeSpan()), offset);
    }
}
