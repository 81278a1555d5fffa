using System.Globalization;
using System.Runtime.Intrinsics;
using System.Text.Json;
using WasmCloud.Wasm;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.SpecTests;

/// <summary>Host objects standing for the spec's <c>ref.extern N</c> values; equal when N is.</summary>
internal sealed record ExternReference(uint Id);

/// <summary>Reads the value notation of wast2json and checks results against expectations.</summary>
internal static class SpecValue
{
    public static ValueType TypeOf(string name) => name switch
    {
        "i32" => ValueType.I32,
        "i64" => ValueType.I64,
        "f32" => ValueType.F32,
        "f64" => ValueType.F64,
        "v128" => ValueType.V128,
        "funcref" => ValueType.FuncRef,
        "externref" => ValueType.ExternRef,
        _ => throw new FormatException($"unknown value type {name}"),
    };

    public static Value Parse(JsonElement element)
    {
        var type = TypeOf(element.GetProperty("type").GetString()!);
        if (type == ValueType.V128) return Value.V128(ParseV128(element));
        var text = element.GetProperty("value").GetString()!;
        return type switch
        {
            ValueType.I32 => Value.I32((int)uint.Parse(text, CultureInfo.InvariantCulture)),
            ValueType.I64 => Value.I64((long)ulong.Parse(text, CultureInfo.InvariantCulture)),
            ValueType.F32 => Value.F32FromBits(uint.Parse(text, CultureInfo.InvariantCulture)),
            ValueType.F64 => Value.F64FromBits(ulong.Parse(text, CultureInfo.InvariantCulture)),
            ValueType.ExternRef => text == "null" ? Value.Null(type) : Value.ExternRef(new ExternReference(uint.Parse(text, CultureInfo.InvariantCulture))),
            ValueType.FuncRef when text == "null" => Value.Null(type),
            _ => throw new NotSupportedException($"argument of type {type} not supported"),
        };
    }

    /// <summary>Null when <paramref name="actual"/> matches; otherwise a description of the mismatch.</summary>
    public static string? Mismatch(JsonElement expected, Value actual)
    {
        var type = TypeOf(expected.GetProperty("type").GetString()!);
        if (actual.Type != type) return $"expected {type} but got {actual}";
        if (type == ValueType.V128) return V128Mismatch(expected, actual.AsV128());
        var text = expected.TryGetProperty("value", out var v) ? v.GetString() : null;
        bool ok = type switch
        {
            ValueType.I32 => actual.AsI32() == (int)uint.Parse(text!, CultureInfo.InvariantCulture),
            ValueType.I64 => actual.AsI64() == (long)ulong.Parse(text!, CultureInfo.InvariantCulture),
            ValueType.F32 => FloatMatches(text!, actual.F32Bits, Single),
            ValueType.F64 => FloatMatches(text!, actual.F64Bits, Double),
            ValueType.ExternRef => text == "null"
                ? actual.IsNull
                : Equals(actual.AsReference(), new ExternReference(uint.Parse(text!, CultureInfo.InvariantCulture))),
            ValueType.FuncRef => text == "null" ? actual.IsNull : !actual.IsNull,
            _ => false,
        };
        return ok ? null : $"expected {type}:{text} but got {Describe(actual)}";
    }

    private readonly record struct FloatFormat(ulong SignBit, ulong ExponentMask, ulong QuietBit);

    private static readonly FloatFormat Single = new(0x80000000, 0x7F800000, 0x00400000);
    private static readonly FloatFormat Double = new(0x8000000000000000, 0x7FF0000000000000, 0x0008000000000000);

    /// <summary>Whether float bits match an expectation: a bit pattern, or a canonical or arithmetic NaN.</summary>
    private static bool FloatMatches(string text, ulong bits, FloatFormat format)
    {
        var isNaN = (bits & format.ExponentMask) == format.ExponentMask && (bits & (format.QuietBit * 2 - 1)) != 0;
        return text switch
        {
            "nan:canonical" => (bits & ~format.SignBit) == (format.ExponentMask | format.QuietBit),
            "nan:arithmetic" => isNaN && (bits & format.QuietBit) != 0,
            _ => bits == ulong.Parse(text, CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The lane width in bytes of a wast2json <c>lane_type</c>.</summary>
    private static int LaneWidth(string laneType) => laneType switch
    {
        "i8" => 1,
        "i16" => 2,
        "i32" or "f32" => 4,
        "i64" or "f64" => 8,
        _ => throw new FormatException($"unknown lane type {laneType}"),
    };

    /// <summary>A v128 given lane by lane (each lane an unsigned decimal, floats as their bits).</summary>
    private static Vector128<byte> ParseV128(JsonElement element)
    {
        var width = LaneWidth(element.GetProperty("lane_type").GetString()!);
        Span<byte> bytes = stackalloc byte[16];
        var lane = 0;
        foreach (var item in element.GetProperty("value").EnumerateArray())
        {
            var bits = ulong.Parse(item.GetString()!, CultureInfo.InvariantCulture);
            for (var i = 0; i < width; i++) bytes[lane * width + i] = (byte)(bits >> (8 * i));
            lane++;
        }
        return Vector128.Create<byte>(bytes);
    }

    private static string? V128Mismatch(JsonElement expected, Vector128<byte> actual)
    {
        var laneType = expected.GetProperty("lane_type").GetString()!;
        var width = LaneWidth(laneType);
        Span<byte> bytes = stackalloc byte[16];
        actual.CopyTo(bytes);
        var lane = 0;
        foreach (var item in expected.GetProperty("value").EnumerateArray())
        {
            ulong bits = 0;
            for (var i = 0; i < width; i++) bits |= (ulong)bytes[lane * width + i] << (8 * i);
            var text = item.GetString()!;
            var ok = laneType switch
            {
                "f32" => FloatMatches(text, bits, Single),
                "f64" => FloatMatches(text, bits, Double),
                _ => bits == ulong.Parse(text, CultureInfo.InvariantCulture),
            };
            if (!ok) return $"expected v128 {laneType} lane {lane} = {text} but got {bits} (v128 bytes {System.Convert.ToHexString(bytes)})";
            lane++;
        }
        return null;
    }

    private static string Describe(Value value) => value.Type switch
    {
        ValueType.F32 => $"f32 bits 0x{value.F32Bits:x8} ({value.AsF32()})",
        ValueType.F64 => $"f64 bits 0x{value.F64Bits:x16} ({value.AsF64()})",
        _ => value.ToString(),
    };
}
