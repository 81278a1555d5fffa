using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm.Text;

/// <summary>
/// Parses instruction sequences, plain and folded, straight into their binary encoding. Labels are resolved
/// against the enclosing blocks, locals against the function's local space, everything else against the module.
/// </summary>
internal sealed class InstructionParser
{
    private readonly TokenCursor _cursor;
    private readonly ModuleContext _module;
    private readonly IndexSpace _locals;
    private readonly List<Token?> _labels = [];
    /// <summary>Nested folded instructions and blocks, each a few recursive frames; bounded so the stack is.</summary>
    private int _depth;
    private const int MaxNesting = 100_000;

    public InstructionParser(TokenCursor cursor, ModuleContext module, IndexSpace locals)
    {
        _cursor = cursor;
        _module = module;
        _locals = locals;
    }

    /// <summary>A constant or function-body expression: instructions up to the closing ')', then <c>end</c>.</summary>
    public void ParseExpression(WasmBinaryWriter output)
    {
        ParseSequence(output);
        output.Byte((byte)Opcodes.End);
    }

    /// <summary>Instructions until a ')' or the <c>end</c>/<c>else</c> that closes a plain block.</summary>
    public void ParseSequence(WasmBinaryWriter output)
    {
        while (true)
        {
            var token = _cursor.Peek();
            if (token.Kind == TokenKind.LeftParen) ParseFolded(output);
            else if (token.Kind == TokenKind.Keyword && token.Text is not ("end" or "else")) ParsePlain(output);
            else return;
        }
    }

    /// <summary>One folded instruction: <c>(op immediates folded*)</c>, whose operands are emitted before it.</summary>
    public void ParseFolded(WasmBinaryWriter output)
    {
        _cursor.ExpectLeftParen();
        var name = _cursor.Expect(TokenKind.Keyword, "an instruction");
        Nest(name);
        switch (name.Text)
        {
            case "block" or "loop":
                ParseBlockOrLoop(name, output, folded: true);
                break;
            case "if":
                ParseFoldedIf(output);
                break;
            default:
                var operation = new WasmBinaryWriter();
                ParseOperation(name, operation);
                while (_cursor.Peek().Kind == TokenKind.LeftParen) ParseFolded(output);
                _cursor.ExpectRightParen();
                output.Append(operation);
                break;
        }
        _depth--;
    }

    private void Nest(Token at)
    {
        if (++_depth > MaxNesting) throw TextErrors.At(at, $"instructions nested more than {MaxNesting} deep");
    }

    private void ParsePlain(WasmBinaryWriter output)
    {
        var name = _cursor.Next();
        switch (name.Text)
        {
            case "block" or "loop":
                Nest(name);
                ParseBlockOrLoop(name, output, folded: false);
                _depth--;
                return;
            case "if":
                Nest(name);
                ParsePlainIf(output);
                _depth--;
                return;
        }
        ParseOperation(name, output);
    }

    /// <summary><c>block label? type instr* end label?</c> or <c>(block label? type instr*)</c>; likewise loop.</summary>
    private void ParseBlockOrLoop(Token name, WasmBinaryWriter output, bool folded)
    {
        var (label, type) = ParseBlockHeader();
        WriteBlockStart(output, name.Text == "block" ? Opcodes.Block : Opcodes.Loop, type, label);
        ParseSequence(output);
        if (folded) _cursor.ExpectRightParen();
        else ExpectClosingKeyword("end", label);
        EndBlock(output);
    }

    /// <summary><c>(if label? type folded* (then instr*) (else instr*)?)</c>: the condition comes first in the binary.</summary>
    private void ParseFoldedIf(WasmBinaryWriter output)
    {
        var (label, type) = ParseBlockHeader();
        while (_cursor.Peek().Kind == TokenKind.LeftParen && !_cursor.AtField("then")) ParseFolded(output);
        WriteBlockStart(output, Opcodes.If, type, label);
        _cursor.ExpectField("then");
        ParseSequence(output);
        _cursor.ExpectRightParen();
        if (_cursor.TryField("else"))
        {
            output.Byte((byte)Opcodes.Else);
            ParseSequence(output);
            _cursor.ExpectRightParen();
        }
        _cursor.ExpectRightParen();
        EndBlock(output);
    }

    /// <summary><c>if label? type instr* (else label? instr*)? end label?</c>.</summary>
    private void ParsePlainIf(WasmBinaryWriter output)
    {
        var (label, type) = ParseBlockHeader();
        WriteBlockStart(output, Opcodes.If, type, label);
        ParseSequence(output);
        if (_cursor.Peek().IsKeyword("else"))
        {
            ExpectClosingKeyword("else", label);
            output.Byte((byte)Opcodes.Else);
            ParseSequence(output);
        }
        ExpectClosingKeyword("end", label);
        EndBlock(output);
    }

    private (Token? Label, TypeUse Type) ParseBlockHeader() => (_cursor.TryId(), TypeUse.Parse(_cursor, allowParameterIds: false));

    private void WriteBlockStart(WasmBinaryWriter output, ushort opcode, TypeUse type, Token? label)
    {
        output.Byte((byte)opcode);
        if (type.Reference is null && type.Parameters.Count == 0 && type.Results.Count <= 1)
            output.Byte(type.Results.Count == 0 ? (byte)0x40 : (byte)type.Results[0]);
        else
            output.S64(type.Resolve(_module).Index);
        _labels.Add(label);
    }

    private void EndBlock(WasmBinaryWriter output)
    {
        _labels.RemoveAt(_labels.Count - 1);
        output.Byte((byte)Opcodes.End);
    }

    /// <summary><c>end</c> or <c>else</c>, optionally repeating the block's label, which must then match.</summary>
    private void ExpectClosingKeyword(string keyword, Token? label)
    {
        _cursor.ExpectKeyword(keyword);
        if (_cursor.TryId() is { } repeated && repeated.Text != label?.Text)
            throw TextErrors.At(repeated, $"mismatching label {repeated.Text}");
    }

    private void ParseOperation(Token name, WasmBinaryWriter output)
    {
        if (!InstructionSet.TryGet(name.Text, out var info)) throw TextErrors.At(name, $"unknown operator {name.Text}");
        if (info.Immediate == Immediate.Select)
        {
            ParseSelect(output);
            return;
        }
        WriteOpcode(output, info.Opcode);
        switch (info.Immediate)
        {
            case Immediate.None: break;
            case Immediate.Label: output.U32(ResolveLabel(_cursor.ExpectIndex())); break;
            case Immediate.LabelTable: ParseLabelTable(output); break;
            case Immediate.Function: output.U32(_module.Functions.Resolve(_cursor.ExpectIndex())); break;
            case Immediate.CallIndirect:
            {
                var table = _cursor.AtIndex ? _module.Tables.Resolve(_cursor.Next()) : 0;
                output.U32(TypeUse.Parse(_cursor, allowParameterIds: false).Resolve(_module).Index);
                output.U32(table);
                break;
            }
            case Immediate.Local: output.U32(_locals.Resolve(_cursor.ExpectIndex())); break;
            case Immediate.Global: output.U32(_module.Globals.Resolve(_cursor.ExpectIndex())); break;
            case Immediate.OptionalTable: output.U32(_cursor.AtIndex ? _module.Tables.Resolve(_cursor.Next()) : 0); break;
            case Immediate.MemoryArgument: MemoryArgument.Parse(_cursor, output, info.Operand); break;
            case Immediate.I32: output.S32(IntegerLiterals.ParseI32(_cursor.Next())); break;
            case Immediate.I64: output.S64(IntegerLiterals.ParseI64(_cursor.Next())); break;
            case Immediate.F32: output.F32Bits(FloatLiterals.ParseF32(_cursor.Next())); break;
            case Immediate.F64: output.F64Bits(FloatLiterals.ParseF64(_cursor.Next())); break;
            case Immediate.HeapType:
            {
                var token = _cursor.Next();
                output.Byte((byte)(TypeSyntax.HeapType(token) ?? throw TokenCursor.Unexpected(token, "'func' or 'extern'")));
                break;
            }
            case Immediate.ZeroBytes:
                for (var i = 0; i < info.Operand; i++) output.Byte(0);
                break;
            case Immediate.MemoryInit:
                output.U32(ResolveData());
                output.Byte(0);
                break;
            case Immediate.Data: output.U32(ResolveData()); break;
            case Immediate.Element: output.U32(_module.Elements.Resolve(_cursor.ExpectIndex())); break;
            case Immediate.TableInit:
            {
                var first = _cursor.ExpectIndex();
                var (table, element) = _cursor.AtIndex
                    ? (_module.Tables.Resolve(first), _module.Elements.Resolve(_cursor.Next()))
                    : (0u, _module.Elements.Resolve(first));
                output.U32(element);
                output.U32(table);
                break;
            }
            case Immediate.TableCopy:
            {
                var destination = _cursor.AtIndex ? _module.Tables.Resolve(_cursor.Next()) : 0;
                var source = _cursor.AtIndex ? _module.Tables.Resolve(_cursor.Next()) : 0;
                output.U32(destination);
                output.U32(source);
                break;
            }
            case Immediate.Simd: SimdImmediates.Parse(_cursor, output, info.Operand); break;
            default: throw new InvalidOperationException($"immediate {info.Immediate} has no parser");
        }
    }

    private static void WriteOpcode(WasmBinaryWriter output, ushort opcode)
    {
        if (opcode > 0xFF)
        {
            output.Byte((byte)(opcode >> 8));
            output.U32((uint)(opcode & 0xFF));
        }
        else
        {
            output.Byte((byte)opcode);
        }
    }

    /// <summary><c>select</c>, or the typed form <c>select (result t)*</c>.</summary>
    private void ParseSelect(WasmBinaryWriter output)
    {
        if (!_cursor.AtField("result"))
        {
            output.Byte((byte)Opcodes.Select);
            return;
        }
        var types = new List<ValueType>();
        TypeUse.ParseSignature(_cursor, allowIds: false, [], [], types);
        output.Byte((byte)Opcodes.SelectTyped);
        output.U32((uint)types.Count);
        foreach (var type in types) output.Byte((byte)type);
    }

    private void ParseLabelTable(WasmBinaryWriter output)
    {
        var labels = new List<uint> { ResolveLabel(_cursor.ExpectIndex()) };
        while (_cursor.AtIndex) labels.Add(ResolveLabel(_cursor.Next()));
        output.U32((uint)labels.Count - 1);
        foreach (var label in labels) output.U32(label);
    }

    private uint ResolveLabel(Token token)
    {
        if (token.Kind != TokenKind.Id) return IntegerLiterals.ParseU32(token);
        for (var depth = 0; depth < _labels.Count; depth++)
            if (_labels[_labels.Count - 1 - depth]?.Text == token.Text) return (uint)depth;
        throw TextErrors.At(token, $"unknown label {token.Text}");
    }

    private uint ResolveData()
    {
        _module.UsesDataCount = true;
        return _module.Data.Resolve(_cursor.ExpectIndex());
    }
}
