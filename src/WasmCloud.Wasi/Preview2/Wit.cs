using WasmCloud.Components.Format;
using WasmCloud.Components.Types;

namespace WasmCloud.Wasi.Preview2;

/// <summary>Component value types written the way the WASI WIT files read, for the host functions' signatures.</summary>
public static class Wit
{
    public static readonly ValType Bool = ValType.Of(PrimitiveType.Bool);
    public static readonly ValType U8 = ValType.Of(PrimitiveType.U8);
    public static readonly ValType U32 = ValType.Of(PrimitiveType.U32);
    public static readonly ValType S32 = ValType.Of(PrimitiveType.S32);
    public static readonly ValType U64 = ValType.Of(PrimitiveType.U64);
    public static readonly ValType String = ValType.Of(PrimitiveType.String);
    public static readonly ValType Bytes = new ListType(U8);

    public static ValType List(ValType element) => new ListType(element);
    public static ValType Tuple(params ValType[] elements) => new TupleType(elements);
    public static ValType Option(ValType payload) => new OptionType(payload);
    public static ValType Result(ValType? ok, ValType? error) => new ResultType(ok, error);
    public static ValType Enum(params string[] labels) => new EnumType(labels);
    public static ValType Flags(params string[] labels) => new FlagsType(labels);
    public static ValType Record(params (string Name, ValType Type)[] fields) => new RecordType(fields.Select(f => new Field(f.Name, f.Type)).ToArray());
    public static ValType Variant(params (string Name, ValType? Type)[] cases) => new VariantType(cases.Select(c => new Case(c.Name, c.Type)).ToArray());

    public static FuncType Func(ValType? result, params (string Name, ValType Type)[] parameters) =>
        new(parameters.Select(p => new Field(p.Name, p.Type)).ToArray(), result);
}
