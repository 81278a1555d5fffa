using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm.Text;

/// <summary>Element and data segments, including those the table and memory abbreviations imply.</summary>
internal sealed class SegmentParser
{
    /// <summary>Binary segment flags (spec §5.5.12, §5.5.14).</summary>
    private const uint PassiveOrDeclarative = 1, ExplicitIndexOrDeclarative = 2, Expressions = 4;
    private const byte FunctionElementKind = 0x00;

    private readonly TokenCursor _cursor;
    private readonly ModuleContext _module;
    private readonly ModuleSections _sections;

    public SegmentParser(TokenCursor cursor, ModuleContext module, ModuleSections sections)
    {
        _cursor = cursor;
        _module = module;
        _sections = sections;
    }

    /// <summary>The items of an element list: function indices or constant expressions, already encoded.</summary>
    private sealed record ElementList(ValueType Type, bool AsExpressions, uint Count, WasmBinaryWriter Items);

    /// <summary>
    /// <c>(elem id? declare? (table x)? offset? elemlist)</c>: active when it has an offset, declarative with
    /// <c>declare</c>, passive otherwise. An active segment may list function indices without <c>func</c>.
    /// </summary>
    public void ParseElementSegment()
    {
        _cursor.TryId();
        var declarative = _cursor.Peek().IsKeyword("declare");
        if (declarative) _cursor.Next();
        uint table = 0;
        var explicitTable = false;
        if (!declarative && _cursor.TryField("table"))
        {
            table = _module.Tables.Resolve(_cursor.ExpectIndex());
            _cursor.ExpectRightParen();
            explicitTable = true;
        }
        WasmBinaryWriter? offset = null;
        if (!declarative && (explicitTable || _cursor.Peek().Kind == TokenKind.LeftParen)) offset = ParseOffset();
        var list = ParseElementList(allowBareIndices: offset is not null && !explicitTable);

        var segment = _sections.Elements.Add();
        var flags = list.AsExpressions ? Expressions : 0;
        if (offset is null)
        {
            segment.U32(flags | PassiveOrDeclarative | (declarative ? ExplicitIndexOrDeclarative : 0));
            WriteElementType(segment, list);
        }
        else
        {
            WriteActiveElementHeader(segment, flags, table, offset, list);
        }
        WriteItems(segment, list);
    }

    /// <summary>The <c>(elem …)</c> of a table definition: an active segment at offset 0; returns its length.</summary>
    public uint ParseInlineElements(uint table, ValueType type)
    {
        var list = _cursor.Peek().Kind == TokenKind.LeftParen
            ? ParseExpressions(type)
            : ParseFunctionIndices();
        var segment = _sections.Elements.Add();
        WriteActiveElementHeader(segment, list.AsExpressions ? Expressions : 0, table, ZeroOffset(), list);
        WriteItems(segment, list);
        return list.Count;
    }

    /// <summary>
    /// <c>(data id? (memory x)? offset? string*)</c>: active with an offset, passive without.
    /// </summary>
    public void ParseDataSegment()
    {
        _cursor.TryId();
        uint memory = 0;
        var explicitMemory = _cursor.TryField("memory");
        if (explicitMemory)
        {
            memory = _module.Memories.Resolve(_cursor.ExpectIndex());
            _cursor.ExpectRightParen();
        }
        var segment = _sections.Data.Add();
        if (explicitMemory || _cursor.Peek().Kind == TokenKind.LeftParen) WriteActiveDataHeader(segment, memory, ParseOffset());
        else segment.U32(PassiveOrDeclarative);
        segment.Name(ParseStrings());
    }

    /// <summary>The <c>(data …)</c> of a memory definition: an active segment at offset 0; returns its length.</summary>
    public long ParseInlineData(uint memory)
    {
        var bytes = ParseStrings();
        var segment = _sections.Data.Add();
        WriteActiveDataHeader(segment, memory, ZeroOffset());
        segment.Name(bytes);
        return bytes.Length;
    }

    private static void WriteActiveDataHeader(WasmBinaryWriter segment, uint memory, WasmBinaryWriter offset)
    {
        if (memory == 0)
        {
            segment.U32(0);
        }
        else
        {
            segment.U32(ExplicitIndexOrDeclarative);
            segment.U32(memory);
        }
        segment.Append(offset);
    }

    private static void WriteActiveElementHeader(WasmBinaryWriter segment, uint flags, uint table, WasmBinaryWriter offset, ElementList list)
    {
        // Flags 0 and 4 imply table 0 and funcref; anything else names both.
        if (table == 0 && list.Type == ValueType.FuncRef)
        {
            segment.U32(flags);
            segment.Append(offset);
            return;
        }
        segment.U32(flags | ExplicitIndexOrDeclarative);
        segment.U32(table);
        segment.Append(offset);
        WriteElementType(segment, list);
    }

    private static void WriteElementType(WasmBinaryWriter segment, ElementList list) =>
        segment.Byte(list.AsExpressions ? (byte)list.Type : FunctionElementKind);

    private static void WriteItems(WasmBinaryWriter segment, ElementList list)
    {
        segment.U32(list.Count);
        segment.Append(list.Items);
    }

    /// <summary><c>func x*</c>, <c>reftype item*</c>, or (in the legacy active form) just <c>x*</c>.</summary>
    private ElementList ParseElementList(bool allowBareIndices)
    {
        if (_cursor.Peek().IsKeyword("func"))
        {
            _cursor.Next();
            return ParseFunctionIndices();
        }
        if (TypeSyntax.ReferenceType(_cursor.Peek()) is { } type)
        {
            _cursor.Next();
            return ParseExpressions(type);
        }
        if (allowBareIndices) return ParseFunctionIndices();
        throw TokenCursor.Unexpected(_cursor.Peek(), "'func' or a reference type");
    }

    private ElementList ParseFunctionIndices()
    {
        var items = new WasmBinaryWriter();
        uint count = 0;
        for (; _cursor.AtIndex; count++) items.U32(_module.Functions.Resolve(_cursor.Next()));
        return new ElementList(ValueType.FuncRef, false, count, items);
    }

    /// <summary>Items <c>(item expr)</c> or, abbreviated, one folded instruction.</summary>
    private ElementList ParseExpressions(ValueType type)
    {
        var items = new WasmBinaryWriter();
        uint count = 0;
        for (; _cursor.Peek().Kind == TokenKind.LeftParen; count++)
        {
            var instructions = ConstantParser();
            if (_cursor.TryField("item"))
            {
                instructions.ParseExpression(items);
                _cursor.ExpectRightParen();
            }
            else
            {
                instructions.ParseFolded(items);
                items.Byte((byte)Opcodes.End);
            }
        }
        return new ElementList(type, true, count, items);
    }

    /// <summary><c>(offset expr)</c> or, abbreviated, one folded instruction.</summary>
    private WasmBinaryWriter ParseOffset()
    {
        var offset = new WasmBinaryWriter();
        if (_cursor.TryField("offset"))
        {
            ConstantParser().ParseExpression(offset);
            _cursor.ExpectRightParen();
        }
        else
        {
            ConstantParser().ParseFolded(offset);
            offset.Byte((byte)Opcodes.End);
        }
        return offset;
    }

    private static WasmBinaryWriter ZeroOffset()
    {
        var offset = new WasmBinaryWriter();
        offset.Bytes([(byte)Opcodes.I32Const, 0, (byte)Opcodes.End]);
        return offset;
    }

    private InstructionParser ConstantParser() => new(_cursor, _module, new IndexSpace("local"));

    private byte[] ParseStrings()
    {
        var bytes = new List<byte>();
        while (_cursor.Peek().Kind == TokenKind.String) bytes.AddRange(_cursor.Next().Bytes!);
        return [.. bytes];
    }
}
