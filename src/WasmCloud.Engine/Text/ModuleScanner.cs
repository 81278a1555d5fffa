using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm.Text;

/// <summary>
/// The first pass over the module fields: binds every identifier in its index space (in text order, which
/// the import-before-definition rule makes the index order) and reads the explicit type definitions, so the
/// second pass can resolve uses that come before definitions.
/// </summary>
internal static class ModuleScanner
{
    public static void Scan(TokenCursor cursor, ModuleContext module)
    {
        while (cursor.Peek().Kind == TokenKind.LeftParen)
        {
            var start = cursor.Index;
            cursor.Next();
            var field = cursor.Expect(TokenKind.Keyword, "a module field");
            switch (field.Text)
            {
                case "type":
                    ScanType(cursor, module);
                    break;
                case "import":
                    cursor.ExpectString();
                    cursor.ExpectString();
                    cursor.ExpectLeftParen();
                    SpaceOf(module, cursor.Expect(TokenKind.Keyword, "an import kind")).Define(cursor.TryId());
                    break;
                case "func" or "global":
                    SpaceOf(module, field).Define(cursor.TryId());
                    break;
                case "table":
                    module.Tables.Define(cursor.TryId());
                    SkipInlineImportsAndExports(cursor);
                    if (TypeSyntax.ReferenceType(cursor.Peek()) is not null && cursor.Peek(1).Kind == TokenKind.LeftParen)
                        module.Elements.Define(null);
                    break;
                case "memory":
                    module.Memories.Define(cursor.TryId());
                    SkipInlineImportsAndExports(cursor);
                    if (cursor.AtField("data")) module.Data.Define(null);
                    break;
                case "elem":
                    module.Elements.Define(cursor.TryId());
                    break;
                case "data":
                    module.Data.Define(cursor.TryId());
                    break;
                case "export" or "start":
                    break;
                default:
                    throw TextErrors.At(field, $"unknown module field {field.Text}");
            }
            cursor.Index = start;
            cursor.SkipGroup();
        }
    }

    /// <summary>The space an import or definition of this kind adds to.</summary>
    public static IndexSpace SpaceOf(ModuleContext module, Token kind) => kind.Text switch
    {
        "func" => module.Functions,
        "table" => module.Tables,
        "memory" => module.Memories,
        "global" => module.Globals,
        _ => throw TextErrors.At(kind, $"unexpected token {kind}, expected func, table, memory or global"),
    };

    private static void ScanType(TokenCursor cursor, ModuleContext module)
    {
        var id = cursor.TryId();
        cursor.ExpectField("func");
        List<ValueType> parameters = [], results = [];
        TypeUse.ParseSignature(cursor, allowIds: true, parameters, [], results);
        cursor.ExpectRightParen();
        cursor.ExpectRightParen();
        module.DefineType(id, new FuncType([.. parameters], [.. results]));
    }

    private static void SkipInlineImportsAndExports(TokenCursor cursor)
    {
        while (cursor.AtField("export") || cursor.AtField("import")) cursor.SkipGroup();
    }
}
