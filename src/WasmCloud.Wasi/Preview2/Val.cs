using WasmCloud.Components;

namespace WasmCloud.Wasi.Preview2;

/// <summary>Conversions between the dynamic component values host functions receive and return and .NET values.</summary>
public static class Val
{
    public static readonly ComponentValue Unit = new VariantValue("ok", null);
    public static readonly ComponentValue None = new VariantValue("none", null);

    public static ComponentValue Ok(ComponentValue? payload = null) => new VariantValue("ok", payload);
    public static ComponentValue Error(ComponentValue payload) => new VariantValue("error", payload);
    public static ComponentValue Some(ComponentValue payload) => new VariantValue("some", payload);

    public static ComponentValue U64(ulong value) => ComponentValue.U64(value);
    public static ComponentValue U64(long value) => ComponentValue.U64((ulong)value);
    public static ComponentValue Bytes(ReadOnlySpan<byte> bytes)
    {
        var elements = new ComponentValue[bytes.Length];
        for (var i = 0; i < bytes.Length; i++) elements[i] = Byte(bytes[i]);
        return new ListValue(elements);
    }

    public static ulong ToU64(ComponentValue value) => (ulong)((IntegerValue)value).Bits;
    public static bool ToBool(ComponentValue value) => ((BoolValue)value).Value;
    public static string ToText(ComponentValue value) => ((StringValue)value).Value;
    public static IReadOnlyList<string> ToFlags(ComponentValue value) => ((FlagsValue)value).Set;
    public static IReadOnlyList<ComponentValue> ToList(ComponentValue value) => ((ListValue)value).Elements;
    public static (string Case, ComponentValue? Payload) ToVariant(ComponentValue value) => value is VariantValue v ? (v.Case, v.Payload) : throw new InvalidCastException($"{value} is not a variant");

    public static byte[] ToBytes(ComponentValue value)
    {
        var elements = ToList(value);
        var bytes = new byte[elements.Count];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)((IntegerValue)elements[i]).Bits;
        return bytes;
    }

    /// <summary>A length the guest asked for, capped to what one call may move (a u64 can exceed any buffer).</summary>
    public static int ToLength(ComponentValue value, int cap) => (int)Math.Min(ToU64(value), (ulong)cap);

    // The 256 byte values are shared: a list of bytes is otherwise one allocation per element.
    private static readonly ComponentValue[] ByteValues = Enumerable.Range(0, 256).Select(b => ComponentValue.U8((byte)b)).ToArray();
    private static ComponentValue Byte(byte value) => ByteValues[value];
}
