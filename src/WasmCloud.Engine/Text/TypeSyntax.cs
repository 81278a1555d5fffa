using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm.Text;

/// <summary>The keywords that name value types, reference types and heap types.</summary>
internal static class TypeSyntax
{
    public static ValueType? ValueType(Token token) => token.Kind != TokenKind.Keyword ? null : token.Text switch
    {
        "i32" => Format.ValueType.I32,
        "i64" => Format.ValueType.I64,
        "f32" => Format.ValueType.F32,
        "f64" => Format.ValueType.F64,
        "v128" => Format.ValueType.V128,
        _ => ReferenceType(token),
    };

    public static ValueType? ReferenceType(Token token) => token.Kind != TokenKind.Keyword ? null : token.Text switch
    {
        "funcref" => Format.ValueType.FuncRef,
        "externref" => Format.ValueType.ExternRef,
        _ => null,
    };

    /// <summary>The heap type of <c>ref.null</c>: <c>func</c> or <c>extern</c>.</summary>
    public static ValueType? HeapType(Token token) => token.Kind != TokenKind.Keyword ? null : token.Text switch
    {
        "func" => Format.ValueType.FuncRef,
        "extern" => Format.ValueType.ExternRef,
        _ => null,
    };
}
