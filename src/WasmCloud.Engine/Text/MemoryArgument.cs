using System.Numerics;

namespace WasmCloud.Wasm.Text;

/// <summary>The <c>offset=N? align=N?</c> of loads and stores.</summary>
internal static class MemoryArgument
{
    /// <summary>Writes alignment (as its base-2 logarithm, defaulting to the natural one) and offset.</summary>
    public static void Parse(TokenCursor cursor, WasmBinaryWriter output, int naturalAlignmentLog2)
    {
        var offset = TryKeyValue(cursor, "offset=") is { } offsetToken ? IntegerLiterals.ParseU32(offsetToken) : 0;
        var alignmentLog2 = naturalAlignmentLog2;
        if (TryKeyValue(cursor, "align=") is { } alignToken)
        {
            var alignment = IntegerLiterals.ParseU32(alignToken);
            if (!BitOperations.IsPow2(alignment)) throw TextErrors.At(alignToken, $"alignment {alignToken.Text} is not a power of two");
            alignmentLog2 = BitOperations.Log2(alignment);
        }
        output.U32((uint)alignmentLog2);
        output.U32(offset);
    }

    /// <summary>The value part of a <c>key=value</c> keyword, as a token of its own, when the next token is one.</summary>
    private static Token? TryKeyValue(TokenCursor cursor, string key)
    {
        var token = cursor.Peek();
        if (token.Kind != TokenKind.Keyword || !token.Text.StartsWith(key, StringComparison.Ordinal)) return null;
        cursor.Next();
        return new Token(TokenKind.Number, token.Text[key.Length..], token.Offset + key.Length, token.Line, token.Column + key.Length);
    }
}
