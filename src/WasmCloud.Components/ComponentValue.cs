using System.Globalization;
using System.Text;
using WasmCloud.Components.Format;

namespace WasmCloud.Components;

/// <summary>
/// A component-level value for the dynamic calling API: what a lifted function returns and what a caller
/// passes. <see cref="ToString"/> is a canonical text form (the shape of the spec tests' value literals), so
/// two values are equal when their texts are.
/// </summary>
public abstract record ComponentValue
{
    public static ComponentValue Bool(bool value) => new BoolValue(value);
    public static ComponentValue S8(sbyte value) => new IntegerValue(PrimitiveType.S8, value);
    public static ComponentValue U8(byte value) => new IntegerValue(PrimitiveType.U8, value);
    public static ComponentValue S16(short value) => new IntegerValue(PrimitiveType.S16, value);
    public static ComponentValue U16(ushort value) => new IntegerValue(PrimitiveType.U16, value);
    public static ComponentValue S32(int value) => new IntegerValue(PrimitiveType.S32, value);
    public static ComponentValue U32(uint value) => new IntegerValue(PrimitiveType.U32, value);
    public static ComponentValue S64(long value) => new IntegerValue(PrimitiveType.S64, value);
    public static ComponentValue U64(ulong value) => new IntegerValue(PrimitiveType.U64, unchecked((long)value));
    public static ComponentValue F32(float value) => new F32Value(value);
    public static ComponentValue F64(double value) => new F64Value(value);
    public static ComponentValue Char(int scalar) => new CharValue(scalar);
    public static ComponentValue String(string value) => new StringValue(value);
}

public sealed record BoolValue(bool Value) : ComponentValue
{
    public override string ToString() => Value ? "(bool true)" : "(bool false)";
}

/// <summary>An integer of any width; <see cref="Bits"/> holds the value (u64 as its two's-complement bits).</summary>
public sealed record IntegerValue(PrimitiveType Kind, long Bits) : ComponentValue
{
    public override string ToString() =>
        $"({Kind.ToString().ToLowerInvariant()} {(Kind == PrimitiveType.U64 ? ((ulong)Bits).ToString(CultureInfo.InvariantCulture) : Bits.ToString(CultureInfo.InvariantCulture))})";
}

public sealed record F32Value(float Value) : ComponentValue
{
    public override string ToString() => float.IsNaN(Value) ? "(f32 nan)" : $"(f32 {Value.ToString("R", CultureInfo.InvariantCulture)})";
}

public sealed record F64Value(double Value) : ComponentValue
{
    public override string ToString() => double.IsNaN(Value) ? "(f64 nan)" : $"(f64 {Value.ToString("R", CultureInfo.InvariantCulture)})";
}

/// <summary>A Unicode scalar value.</summary>
public sealed record CharValue(int Scalar) : ComponentValue
{
    public override string ToString() => $"(char {Scalar:x})";
}

public sealed record StringValue(string Value) : ComponentValue
{
    /// <summary>
    /// The encoding the string was lifted from and its code units (tagged for latin1+utf16), so that lowering
    /// transcodes — and calls <c>realloc</c> — exactly as the Canonical ABI's <c>store_string</c> does.
    /// Host strings count as UTF-8.
    /// </summary>
    internal (StringEncoding Encoding, uint TaggedCodeUnits)? Source { get; init; }

    public override string ToString() => $"(string {Quote(Value)})";

    // Two strings are the same value whatever encoding each was lifted from.
    public bool Equals(StringValue? other) => other is not null && Value == other.Value;

    public override int GetHashCode() => Value.GetHashCode();

    internal static string Quote(string s)
    {
        var b = new StringBuilder("\"");
        foreach (var rune in s.EnumerateRunes()) b.Append(rune.Value is < 0x20 or '"' or '\\' or > 0x7e ? $"\\u{{{rune.Value:x}}}" : rune.ToString());
        return b.Append('"').ToString();
    }
}

public sealed record ListValue(IReadOnlyList<ComponentValue> Elements) : ComponentValue
{
    public override string ToString() => $"(list{string.Concat(Elements.Select(e => " " + e))})";
}

public sealed record RecordValue(IReadOnlyList<(string Name, ComponentValue Value)> Fields) : ComponentValue
{
    public override string ToString() => $"(record{string.Concat(Fields.Select(f => $" (field \"{f.Name}\" {f.Value})"))})";
}

public sealed record TupleValue(IReadOnlyList<ComponentValue> Elements) : ComponentValue
{
    public override string ToString() => $"(tuple{string.Concat(Elements.Select(e => " " + e))})";
}

/// <summary>A variant case; options and results are variants too (cases none/some and ok/error).</summary>
public sealed record VariantValue(string Case, ComponentValue? Payload) : ComponentValue
{
    public override string ToString() => Payload is null ? $"(variant \"{Case}\")" : $"(variant \"{Case}\" {Payload})";
}

public sealed record EnumValue(string Case) : ComponentValue
{
    public override string ToString() => $"(enum \"{Case}\")";
}

public sealed record FlagsValue(IReadOnlyList<string> Set) : ComponentValue
{
    public override string ToString() => $"(flags{string.Concat(Set.Select(f => $" \"{f}\""))})";
}

/// <summary>An owned or borrowed handle to a resource, as passed between instances: its type and representation.</summary>
public sealed record HandleValue(Runtime.ResourceType Type, int Rep, bool IsOwn) : ComponentValue
{
    public override string ToString() => $"({(IsOwn ? "own" : "borrow")} {Type} {Rep})";
}
