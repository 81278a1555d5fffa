using System.Globalization;
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
        var text = expected.TryGetProperty("value", out var v) ? v.GetString() : null;
        bool ok = type switch
        {
            ValueType.I32 => actual.AsI32() == (int)uint.Parse(text!, CultureInfo.InvariantCulture),
            ValueType.I64 => actual.AsI64() == (long)ulong.Parse(text!, CultureInfo.InvariantCulture),
            ValueType.F32 => text switch
            {
                "nan:canonical" => (actual.F32Bits & 0x7FFFFFFF) == 0x7FC00000,
                "nan:arithmetic" => float.IsNaN(actual.AsF32()) && (actual.F32Bits & 0x00400000) != 0,
                _ => actual.F32Bits == uint.Parse(text!, CultureInfo.InvariantCulture),
            },
            ValueType.F64 => text switch
            {
                "nan:canonical" => (actual.F64Bits & 0x7FFFFFFFFFFFFFFF) == 0x7FF8000000000000,
                "nan:arithmetic" => double.IsNaN(actual.AsF64()) && (actual.F64Bits & 0x0008000000000000) != 0,
                _ => actual.F64Bits == ulong.Parse(text!, CultureInfo.InvariantCulture),
            },
            ValueType.ExternRef => text == "null"
                ? actual.IsNull
                : Equals(actual.AsReference(), new ExternReference(uint.Parse(text!, CultureInfo.InvariantCulture))),
            ValueType.FuncRef => text == "null" ? actual.IsNull : !actual.IsNull,
            _ => false,
        };
        return ok ? null : $"expected {type}:{text} but got {Describe(actual)}";
    }

    private static string Describe(Value value) => value.Type switch
    {
        ValueType.F32 => $"f32 bits 0x{value.F32Bits:x8} ({value.AsF32()})",
        ValueType.F64 => $"f64 bits 0x{value.F64Bits:x16} ({value.AsF64()})",
        _ => value.ToString(),
    };
}
