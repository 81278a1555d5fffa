using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm.Text;

/// <summary>A function's <c>(local …)*</c> declarations and instructions, as the code section entry.</summary>
internal static class FunctionBodyParser
{
    /// <summary>Writes the body (without its size) and returns the local space, parameters first.</summary>
    public static IndexSpace Parse(TokenCursor cursor, ModuleContext module, TypeUse use, FuncType type, WasmBinaryWriter body)
    {
        var locals = new IndexSpace("local");
        for (var i = 0; i < type.Parameters.Length; i++) locals.Define(i < use.ParameterIds.Count ? use.ParameterIds[i] : null);
        var localTypes = new List<ValueType>();
        while (cursor.TryField("local"))
        {
            // A named local declares one type; an anonymous declaration may list several.
            if (cursor.TryId() is { } id)
            {
                locals.Define(id);
                localTypes.Add(cursor.ExpectValueType());
            }
            else
            {
                while (cursor.Peek().Kind != TokenKind.RightParen)
                {
                    locals.Define(null);
                    localTypes.Add(cursor.ExpectValueType());
                }
            }
            cursor.ExpectRightParen();
        }
        WriteLocalDeclarations(body, localTypes);
        new InstructionParser(cursor, module, locals).ParseExpression(body);
        return locals;
    }

    /// <summary>Locals are declared as runs of one type.</summary>
    private static void WriteLocalDeclarations(WasmBinaryWriter body, List<ValueType> types)
    {
        var runs = new List<(uint Count, ValueType Type)>();
        foreach (var type in types)
        {
            if (runs.Count > 0 && runs[^1].Type == type) runs[^1] = (runs[^1].Count + 1, type);
            else runs.Add((1, type));
        }
        body.U32((uint)runs.Count);
        foreach (var (count, type) in runs)
        {
            body.U32(count);
            body.Byte((byte)type);
        }
    }
}
