using System.Globalization;
using System.Text;

namespace WasmCloud.Host.Capabilities.KeyValue;

/// <summary>Counters as backends store them: the decimal text of a u64.</summary>
internal static class CounterText
{
    public static ulong Read(byte[]? value, string key) =>
        value is null or { Length: 0 } ? 0
        : ulong.TryParse(Encoding.UTF8.GetString(value), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number
        : throw new KeyValueException(KeyValueError.Other, $"the value under `{key}` is not a counter (a decimal unsigned 64-bit number)");

    public static byte[] Write(ulong value) => Encoding.UTF8.GetBytes(value.ToString(CultureInfo.InvariantCulture));

    public static ulong Add(ulong current, ulong delta, string key) =>
        current > ulong.MaxValue - delta ? throw new KeyValueException(KeyValueError.Other, $"incrementing `{key}` by {delta} overflows u64") : current + delta;
}
