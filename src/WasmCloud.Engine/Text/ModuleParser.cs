namespace WasmCloud.Wasm.Text;

/// <summary>
/// The second pass: parses each module field, with its inline import, export, element and data
/// abbreviations, into the sections of the binary.
/// </summary>
internal sealed class ModuleParser
{
    private const byte FunctionKind = 0, TableKind = 1, MemoryKind = 2, GlobalKind = 3;
    private readonly TokenCursor _cursor;
    private readonly ModuleContext _module;
    private readonly ModuleSections _sections = new();
    private readonly SegmentParser _segments;
    private uint _functions, _tables, _memories, _globals;
    /// <summary>The kind of the first definition (not import); imports may not follow any.</summary>
    private string? _firstDefinition;

    public ModuleParser(TokenCursor cursor, ModuleContext module)
    {
        _cursor = cursor;
        _module = module;
        _segments = new SegmentParser(cursor, module, _sections);
    }

    public byte[] Parse()
    {
        while (_cursor.Peek().Kind == TokenKind.LeftParen) ParseField();
        return _sections.Encode(_module);
    }

    private void ParseField()
    {
        var start = _cursor.Index;
        _cursor.ExpectLeftParen();
        var field = _cursor.Next();
        switch (field.Text)
        {
            case "type":
                _cursor.Index = start;
                _cursor.SkipGroup();
                return;
            case "import": ParseImport(field); break;
            case "func": ParseFunction(); break;
            case "table": ParseTable(); break;
            case "memory": ParseMemory(); break;
            case "global": ParseGlobal(); break;
            case "export": ParseExport(); break;
            case "start": ParseStart(field); break;
            case "elem": _segments.ParseElementSegment(); break;
            case "data": _segments.ParseDataSegment(); break;
        }
        _cursor.ExpectRightParen();
    }

    /// <summary><c>(import "module" "name" (kind id? description))</c>.</summary>
    private void ParseImport(Token field)
    {
        var module = _cursor.ExpectName();
        var name = _cursor.ExpectName();
        _cursor.ExpectLeftParen();
        var kind = _cursor.Next(); // the first pass checked it names a kind
        _cursor.TryId();
        WriteImport(field, kind.Text, module, name);
        _cursor.ExpectRightParen();
    }

    /// <summary>Writes an import entry, parsing the description of its kind that follows in the text.</summary>
    private void WriteImport(Token at, string kind, byte[] module, byte[] name)
    {
        if (_firstDefinition is not null)
            throw TextErrors.At(at, $"import after {(_firstDefinition == "func" ? "function" : _firstDefinition)}");
        var entry = _sections.Imports.Add();
        entry.Name(module);
        entry.Name(name);
        switch (kind)
        {
            case "func":
            {
                entry.Byte(FunctionKind);
                var use = TypeUse.Parse(_cursor, allowParameterIds: true);
                entry.U32(use.Resolve(_module).Index);
                var parameters = new IndexSpace("local");
                foreach (var id in use.ParameterIds) parameters.Define(id);
                RecordLocalNames(_functions++, parameters);
                break;
            }
            case "table":
                entry.Byte(TableKind);
                WriteTableType(entry);
                _tables++;
                break;
            case "memory":
                entry.Byte(MemoryKind);
                WriteLimits(entry);
                _memories++;
                break;
            case "global":
                entry.Byte(GlobalKind);
                WriteGlobalType(entry);
                _globals++;
                break;
        }
    }

    /// <summary>
    /// The <c>(export "name")*</c> and optional <c>(import "module" "name")</c> that may open a definition;
    /// true when it is an import, whose description has then been parsed too.
    /// </summary>
    private bool ParseInlineExportsAndImport(byte kind, uint index, string kindName)
    {
        while (_cursor.TryField("export"))
        {
            WriteExport(_cursor.ExpectName(), kind, index);
            _cursor.ExpectRightParen();
        }
        var importToken = _cursor.Peek(1);
        if (!_cursor.TryField("import"))
        {
            _firstDefinition ??= kindName;
            return false;
        }
        var module = _cursor.ExpectName();
        var name = _cursor.ExpectName();
        _cursor.ExpectRightParen();
        WriteImport(importToken, kindName, module, name);
        return true;
    }

    private void ParseFunction()
    {
        _cursor.TryId();
        var index = _functions;
        if (ParseInlineExportsAndImport(FunctionKind, index, "func")) return;
        _functions++;
        var use = TypeUse.Parse(_cursor, allowParameterIds: true);
        var (typeIndex, type) = use.Resolve(_module);
        _sections.Functions.Add().U32(typeIndex);

        var body = new WasmBinaryWriter();
        var locals = FunctionBodyParser.Parse(_cursor, _module, use, type, body);
        _sections.Code.Add().Sized(body);
        RecordLocalNames(index, locals);
    }

    private void RecordLocalNames(uint function, IndexSpace locals)
    {
        var names = locals.Names.ToList();
        if (names.Count > 0) _module.LocalNames.Add((function, names));
    }

    private void ParseTable()
    {
        _cursor.TryId();
        var index = _tables;
        if (ParseInlineExportsAndImport(TableKind, index, "table")) return;
        _tables++;
        if (TypeSyntax.ReferenceType(_cursor.Peek()) is { } elementType && _cursor.Peek(1).Kind == TokenKind.LeftParen)
        {
            _cursor.Next();
            _cursor.ExpectField("elem");
            var count = _segments.ParseInlineElements(index, elementType);
            _cursor.ExpectRightParen();
            var table = _sections.Tables.Add();
            table.Byte((byte)elementType);
            WriteExactLimits(table, count);
            return;
        }
        WriteTableType(_sections.Tables.Add());
    }

    private void ParseMemory()
    {
        _cursor.TryId();
        var index = _memories;
        if (ParseInlineExportsAndImport(MemoryKind, index, "memory")) return;
        _memories++;
        if (_cursor.TryField("data"))
        {
            var length = _segments.ParseInlineData(index);
            _cursor.ExpectRightParen();
            const uint pageSize = 65536;
            WriteExactLimits(_sections.Memories.Add(), (uint)((length + pageSize - 1) / pageSize));
            return;
        }
        WriteLimits(_sections.Memories.Add());
    }

    private void ParseGlobal()
    {
        _cursor.TryId();
        if (ParseInlineExportsAndImport(GlobalKind, _globals, "global")) return;
        _globals++;
        var global = _sections.Globals.Add();
        WriteGlobalType(global);
        new InstructionParser(_cursor, _module, new IndexSpace("local")).ParseExpression(global);
    }

    private void ParseExport()
    {
        var name = _cursor.ExpectName();
        _cursor.ExpectLeftParen();
        var kind = _cursor.Expect(TokenKind.Keyword, "an export kind");
        var space = ModuleScanner.SpaceOf(_module, kind);
        var kindByte = kind.Text switch { "func" => FunctionKind, "table" => TableKind, "memory" => MemoryKind, _ => GlobalKind };
        WriteExport(name, kindByte, space.Resolve(_cursor.ExpectIndex()));
        _cursor.ExpectRightParen();
    }

    private void WriteExport(byte[] name, byte kind, uint index)
    {
        var entry = _sections.Exports.Add();
        entry.Name(name);
        entry.Byte(kind);
        entry.U32(index);
    }

    private void ParseStart(Token field)
    {
        if (_sections.Start is not null) throw TextErrors.At(field, "multiple start sections");
        _sections.Start = _module.Functions.Resolve(_cursor.ExpectIndex());
    }

    /// <summary><c>limits reftype</c> in the text; the binary puts the type first.</summary>
    private void WriteTableType(WasmBinaryWriter output)
    {
        var limits = new WasmBinaryWriter();
        WriteLimits(limits);
        output.Byte((byte)_cursor.ExpectReferenceType());
        output.Append(limits);
    }

    /// <summary><c>min max?</c>, both unsigned 32-bit.</summary>
    private void WriteLimits(WasmBinaryWriter output)
    {
        var min = IntegerLiterals.ParseU32(_cursor.Expect(TokenKind.Number, "a limit"));
        if (_cursor.Peek().Kind == TokenKind.Number)
        {
            output.Byte(1);
            output.U32(min);
            output.U32(IntegerLiterals.ParseU32(_cursor.Next()));
            return;
        }
        output.Byte(0);
        output.U32(min);
    }

    /// <summary>The limits an inline element or data abbreviation implies: exactly the size given.</summary>
    private static void WriteExactLimits(WasmBinaryWriter output, uint size)
    {
        output.Byte(1);
        output.U32(size);
        output.U32(size);
    }

    /// <summary><c>valtype</c> or <c>(mut valtype)</c>.</summary>
    private void WriteGlobalType(WasmBinaryWriter output)
    {
        var mutable = _cursor.TryField("mut");
        output.Byte((byte)_cursor.ExpectValueType());
        output.Byte(mutable ? (byte)1 : (byte)0);
        if (mutable) _cursor.ExpectRightParen();
    }
}
