using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm.Text;

/// <summary>
/// A type use as written: <c>(type x)? (param …)* (result …)*</c>. Functions may name their parameters;
/// block types and <c>call_indirect</c> may not.
/// </summary>
internal sealed class TypeUse
{
    private TypeUse(Token? reference, Token start) => (Reference, Start) = (reference, start);

    public Token? Reference { get; }
    public Token Start { get; }
    public List<ValueType> Parameters { get; } = [];
    public List<Token?> ParameterIds { get; } = [];
    public List<ValueType> Results { get; } = [];

    public bool HasInlineSignature => Parameters.Count > 0 || Results.Count > 0;

    public static TypeUse Parse(TokenCursor cursor, bool allowParameterIds)
    {
        var start = cursor.Peek();
        Token? reference = null;
        if (cursor.TryField("type"))
        {
            reference = cursor.ExpectIndex();
            cursor.ExpectRightParen();
        }
        var use = new TypeUse(reference, start);
        ParseSignature(cursor, allowParameterIds, use.Parameters, use.ParameterIds, use.Results);
        return use;
    }

    /// <summary>
    /// <c>(param …)* (result …)*</c>. A parameter with an identifier declares exactly one type;
    /// <paramref name="ids"/> receives one entry per parameter.
    /// </summary>
    public static void ParseSignature(
        TokenCursor cursor, bool allowIds, List<ValueType> parameters, List<Token?> ids, List<ValueType> results)
    {
        while (cursor.TryField("param"))
        {
            if (cursor.Peek().Kind == TokenKind.Id)
            {
                var id = cursor.Next();
                if (!allowIds) throw TextErrors.At(id, $"unexpected token {id}: parameters here cannot be named");
                parameters.Add(cursor.ExpectValueType());
                ids.Add(id);
                cursor.ExpectRightParen();
                continue;
            }
            ReadValueTypes(cursor, parameters, ids);
        }
        while (cursor.TryField("result")) ReadValueTypes(cursor, results, null);
    }

    /// <summary>The type index this use refers to and the signature it stands for.</summary>
    public (uint Index, FuncType Type) Resolve(ModuleContext module)
    {
        var inline = new FuncType([.. Parameters], [.. Results]);
        if (Reference is null) return (module.TypeIndexOf(inline), inline);
        var index = module.Types.Resolve(Reference);
        var defined = module.TypeAt(index);
        if (HasInlineSignature && defined is null) throw TextErrors.At(Reference, $"unknown type {Reference.Text}");
        if (HasInlineSignature && !defined!.Equals(inline))
            throw TextErrors.At(Reference, "inline function type does not match the referenced type");
        return (index, defined ?? inline);
    }

    private static void ReadValueTypes(TokenCursor cursor, List<ValueType> into, List<Token?>? ids)
    {
        while (cursor.Peek().Kind != TokenKind.RightParen)
        {
            into.Add(cursor.ExpectValueType());
            ids?.Add(null);
        }
        cursor.ExpectRightParen();
    }
}
