using WasmCloud.Wasm.Decoding;
using WasmCloud.Wasm.Format;
using static WasmCloud.Wasm.Decoding.InstructionImmediates;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm.Validation;

/// <summary>
/// Validates one function body with the spec's algorithm: an operand stack of value types (with an
/// "unknown" type for the polymorphic stack of unreachable code) and a stack of control frames.
/// </summary>
internal sealed partial class FunctionValidator
{
    /// <summary>Stands for any type on the operand stack of unreachable code.</summary>
    private const ValueType Unknown = 0;

    private readonly ModuleDefinition _module;
    private readonly HashSet<int> _declaredFunctionReferences;
    private readonly List<ValueType> _operands = new(64);
    private readonly List<ControlFrame> _frames = new(16);
    private int _functionIndex;
    private int _instructionOffset;
    private int _maxHeight;
    private bool _usesMemory;

    private struct ControlFrame
    {
        public int Start;
        public ushort Opcode;
        public FuncType Type;
        public int Height;
        public bool Unreachable;
    }

    public FunctionValidator(ModuleDefinition module, HashSet<int> declaredFunctionReferences)
    {
        _module = module;
        _declaredFunctionReferences = declaredFunctionReferences;
    }

    /// <summary>Validates a body and reports what the compiler needs to know about it.</summary>
    public FunctionFacts Validate(int functionIndex, FunctionBody body) => Validate(functionIndex, body, null);

    /// <summary>
    /// Validates a body, also recording its statement boundaries: the instructions before which the innermost
    /// frame is reachable and holds no operands. The compiler may move the code between two of them into a
    /// method of its own.
    /// </summary>
    public FunctionFacts Validate(int functionIndex, FunctionBody body, List<StatementBoundary>? boundaries)
    {
        _functionIndex = functionIndex;
        _maxHeight = 0;
        _usesMemory = false;
        _operands.Clear();
        _frames.Clear();
        var type = _module.FunctionType(functionIndex);
        ValueType[] locals = [.. type.Parameters, .. body.Locals];
        var r = new WasmReader(body.Code, body.CodeOffset);
        _instructionOffset = body.CodeOffset;
        PushFrame(Opcodes.Block, new FuncType([], type.Results));
        while (_frames.Count > 0)
        {
            _instructionOffset = r.AbsoluteOffset;
            if (boundaries is not null && _frames[^1] is { Unreachable: false } frame && _operands.Count == frame.Height)
                boundaries.Add(new StatementBoundary(_instructionOffset, _frames.Count - 1, frame.Start));
            var opcode = ReadOpcode(r);
            ValidateInstruction(opcode, r, locals, type);
        }
        if (!r.AtEnd) throw Error("operators remaining after end of function");
        return new FunctionFacts(_maxHeight, _usesMemory);
    }

    private InvalidModuleException Error(string message) => new(message, _instructionOffset, _functionIndex);

    private void ValidateInstruction(ushort opcode, WasmReader r, ValueType[] locals, FuncType functionType)
    {
        if (NumericOps.Of(opcode) is { } numeric)
        {
            if (numeric.Operand2 is { } second) Pop(second);
            Pop(numeric.Operand1);
            Push(numeric.Result);
            return;
        }
        if (opcode >> 8 == Opcodes.SimdPrefix)
        {
            ValidateSimd((uint)opcode & 0xFF, r);
            return;
        }

        switch (opcode)
        {
            case Opcodes.Unreachable: MarkUnreachable(); break;
            case Opcodes.Nop: break;
            case Opcodes.Block:
            case Opcodes.Loop:
            {
                var blockType = ReadBlockType(r, _module.Types, _functionIndex);
                PopAll(blockType.Parameters);
                PushFrame(opcode, blockType);
                break;
            }
            case Opcodes.If:
            {
                var blockType = ReadBlockType(r, _module.Types, _functionIndex);
                Pop(ValueType.I32);
                PopAll(blockType.Parameters);
                PushFrame(opcode, blockType);
                break;
            }
            case Opcodes.Else:
            {
                var frame = PopFrame();
                if (frame.Opcode != Opcodes.If) throw Error("else without matching if");
                PushFrame(Opcodes.Else, frame.Type);
                break;
            }
            case Opcodes.End:
            {
                var frame = PopFrame();
                if (frame.Opcode == Opcodes.If && !frame.Type.Parameters.AsSpan().SequenceEqual(frame.Type.Results))
                    throw Error("type mismatch: if without else must leave its parameters as its results");
                PushAll(frame.Type.Results);
                break;
            }
            case Opcodes.Br:
                PopAll(LabelTypes(ReadLabel(r)));
                MarkUnreachable();
                break;
            case Opcodes.BrIf:
            {
                var label = LabelTypes(ReadLabel(r));
                Pop(ValueType.I32);
                PopAll(label);
                PushAll(label);
                break;
            }
            case Opcodes.BrTable: ValidateBrTable(r); break;
            case Opcodes.Return:
                PopAll(functionType.Results);
                MarkUnreachable();
                break;
            case Opcodes.Call:
            {
                var callee = r.ReadIndex();
                if (callee >= _module.FunctionCount) throw Error($"unknown function {callee}");
                var calleeType = _module.FunctionType(callee);
                PopAll(calleeType.Parameters);
                PushAll(calleeType.Results);
                break;
            }
            case Opcodes.CallIndirect:
            {
                var typeIndex = r.ReadIndex();
                var table = r.ReadIndex();
                if (table >= _module.Tables.Length) throw Error($"unknown table {table}");
                if (typeIndex >= _module.Types.Length) throw Error($"unknown type {typeIndex}");
                if (_module.Tables[table].ElementType != ValueType.FuncRef) throw Error("type mismatch: call_indirect needs a funcref table");
                Pop(ValueType.I32);
                PopAll(_module.Types[typeIndex].Parameters);
                PushAll(_module.Types[typeIndex].Results);
                break;
            }
            case Opcodes.Drop: Pop(); break;
            case Opcodes.Select:
            {
                Pop(ValueType.I32);
                var t1 = Pop();
                var t2 = Pop();
                if (t1.IsReference() || t2.IsReference()) throw Error("type mismatch: untyped select needs numeric operands");
                if (t1 != t2 && t1 != Unknown && t2 != Unknown) throw Error($"type mismatch: select operands {t1.Name()} and {t2.Name()}");
                Push(t1 == Unknown ? t2 : t1);
                break;
            }
            case Opcodes.SelectTyped:
            {
                var count = r.ReadU32();
                if (count != 1) throw Error("invalid result arity for typed select");
                var type = ModuleDecoder.ReadValueType(r);
                Pop(ValueType.I32);
                Pop(type);
                Pop(type);
                Push(type);
                break;
            }
            case Opcodes.LocalGet: Push(locals[ReadLocal(r, locals)]); break;
            case Opcodes.LocalSet: Pop(locals[ReadLocal(r, locals)]); break;
            case Opcodes.LocalTee:
            {
                var type = locals[ReadLocal(r, locals)];
                Pop(type);
                Push(type);
                break;
            }
            case Opcodes.GlobalGet: Push(ReadGlobal(r).ValueType); break;
            case Opcodes.GlobalSet:
            {
                var global = ReadGlobal(r);
                if (!global.Mutable) throw Error("global is immutable");
                Pop(global.ValueType);
                break;
            }
            case Opcodes.TableGet:
            {
                var table = ReadTable(r);
                Pop(ValueType.I32);
                Push(table.ElementType);
                break;
            }
            case Opcodes.TableSet:
            {
                var table = ReadTable(r);
                Pop(table.ElementType);
                Pop(ValueType.I32);
                break;
            }
            case >= Opcodes.I32Load and <= Opcodes.I64Store32: ValidateMemoryAccess(opcode, r); break;
            case Opcodes.MemorySize:
                ReadZeroByte(r);
                RequireMemory();
                Push(ValueType.I32);
                break;
            case Opcodes.MemoryGrow:
                ReadZeroByte(r);
                RequireMemory();
                Pop(ValueType.I32);
                Push(ValueType.I32);
                break;
            case Opcodes.I32Const: r.ReadS32(); Push(ValueType.I32); break;
            case Opcodes.I64Const: r.ReadS64(); Push(ValueType.I64); break;
            case Opcodes.F32Const: r.ReadF32Bits(); Push(ValueType.F32); break;
            case Opcodes.F64Const: r.ReadF64Bits(); Push(ValueType.F64); break;
            case Opcodes.RefNull:
            {
                var type = ModuleDecoder.ReadValueType(r);
                if (!type.IsReference()) throw Error("malformed reference type");
                Push(type);
                break;
            }
            case Opcodes.RefIsNull:
            {
                var type = Pop();
                if (type != Unknown && !type.IsReference()) throw Error($"type mismatch: ref.is_null of {type.Name()}");
                Push(ValueType.I32);
                break;
            }
            case Opcodes.RefFunc:
            {
                var function = r.ReadIndex();
                if (function >= _module.FunctionCount) throw Error($"unknown function {function}");
                if (!_declaredFunctionReferences.Contains(function)) throw Error($"undeclared function reference {function}");
                Push(ValueType.FuncRef);
                break;
            }
            case >= Opcodes.MemoryInit and <= Opcodes.TableFill: ValidateBulk(opcode, r); break;
            default:
                throw new MalformedModuleException($"illegal opcode 0x{opcode:x2}", _instructionOffset);
        }
    }

    private void ValidateBrTable(WasmReader r)
    {
        var count = r.ReadCount(WasmLimits.MaxBrTableTargets, "br_table targets");
        var targets = new int[count];
        for (var i = 0; i < count; i++) targets[i] = ReadLabel(r);
        var defaultTypes = LabelTypes(ReadLabel(r));
        Pop(ValueType.I32);
        foreach (var target in targets)
        {
            var types = LabelTypes(target);
            if (types.Length != defaultTypes.Length) throw Error("type mismatch: br_table targets differ in arity");
            // Each target must accept the operands; checking pops and re-pushes keeps unknown slots unknown.
            var popped = PopAll(types);
            PushAll(popped);
        }
        PopAll(defaultTypes);
        MarkUnreachable();
    }

    private void ValidateMemoryAccess(ushort opcode, WasmReader r)
    {
        var memArg = ReadMemArg(r);
        RequireMemory();
        var (alignLog2, _) = MemoryAccess(opcode);
        if (memArg.Align > alignLog2) throw Error("alignment must not be larger than natural");
        var type = MemoryValueType(opcode);
        if (opcode >= Opcodes.I32Store)
        {
            Pop(type);
            Pop(ValueType.I32);
        }
        else
        {
            Pop(ValueType.I32);
            Push(type);
        }
    }

    private void ValidateBulk(ushort opcode, WasmReader r)
    {
        switch (opcode)
        {
            case Opcodes.MemoryInit:
            {
                var segment = r.ReadIndex();
                ReadZeroByte(r);
                RequireMemory();
                RequireDataSegment(segment);
                PopI32s(3);
                break;
            }
            case Opcodes.DataDrop: RequireDataSegment(r.ReadIndex()); break;
            case Opcodes.MemoryCopy:
                ReadZeroByte(r);
                ReadZeroByte(r);
                RequireMemory();
                PopI32s(3);
                break;
            case Opcodes.MemoryFill:
                ReadZeroByte(r);
                RequireMemory();
                PopI32s(3);
                break;
            case Opcodes.TableInit:
            {
                var segment = ReadElementSegment(r);
                var table = ReadTable(r);
                if (segment.ElementType != table.ElementType) throw Error("type mismatch: element segment and table types differ");
                PopI32s(3);
                break;
            }
            case Opcodes.ElemDrop: ReadElementSegment(r); break;
            case Opcodes.TableCopy:
            {
                var destination = ReadTable(r);
                var source = ReadTable(r);
                if (destination.ElementType != source.ElementType) throw Error("type mismatch: table.copy between tables of different types");
                PopI32s(3);
                break;
            }
            case Opcodes.TableGrow:
            {
                var table = ReadTable(r);
                Pop(ValueType.I32);
                Pop(table.ElementType);
                Push(ValueType.I32);
                break;
            }
            case Opcodes.TableSize:
                ReadTable(r);
                Push(ValueType.I32);
                break;
            case Opcodes.TableFill:
            {
                var table = ReadTable(r);
                Pop(ValueType.I32);
                Pop(table.ElementType);
                Pop(ValueType.I32);
                break;
            }
        }
    }

    private void PopI32s(int count)
    {
        for (var i = 0; i < count; i++) Pop(ValueType.I32);
    }

    private void RequireMemory()
    {
        _usesMemory = true;
        if (_module.Memories.Length == 0) throw Error("unknown memory 0");
    }

    private void RequireDataSegment(int index)
    {
        if (_module.DataCount is not { } count) throw new MalformedModuleException("data count section required", _instructionOffset);
        if (index >= count) throw Error($"unknown data segment {index}");
    }

    private ElementSegment ReadElementSegment(WasmReader r)
    {
        var index = r.ReadIndex();
        if (index >= _module.Elements.Length) throw Error($"unknown elem segment {index}");
        return _module.Elements[index];
    }

    private TableType ReadTable(WasmReader r)
    {
        var index = r.ReadIndex();
        if (index >= _module.Tables.Length) throw Error($"unknown table {index}");
        return _module.Tables[index];
    }

    private GlobalType ReadGlobal(WasmReader r)
    {
        var index = r.ReadIndex();
        if (index >= _module.Globals.Length) throw Error($"unknown global {index}");
        return _module.Globals[index];
    }

    private int ReadLocal(WasmReader r, ValueType[] locals)
    {
        var index = r.ReadIndex();
        if (index >= locals.Length) throw Error($"unknown local {index}");
        return index;
    }

    private int ReadLabel(WasmReader r)
    {
        var depth = r.ReadIndex();
        if (depth >= _frames.Count) throw Error($"unknown label {depth}");
        return depth;
    }

    private ValueType[] LabelTypes(int depth)
    {
        var frame = _frames[_frames.Count - 1 - depth];
        return frame.Opcode == Opcodes.Loop ? frame.Type.Parameters : frame.Type.Results;
    }

    private void Push(ValueType type)
    {
        _operands.Add(type);
        if (_operands.Count > _maxHeight) _maxHeight = _operands.Count;
    }

    private void PushAll(ValueType[] types)
    {
        foreach (var type in types) Push(type);
    }

    private ValueType Pop()
    {
        var frame = _frames[^1];
        if (_operands.Count == frame.Height)
        {
            if (frame.Unreachable) return Unknown;
            throw Error("type mismatch: operand stack underflow");
        }
        var type = _operands[^1];
        _operands.RemoveAt(_operands.Count - 1);
        return type;
    }

    private ValueType Pop(ValueType expected)
    {
        var actual = Pop();
        if (actual != expected && actual != Unknown)
            throw Error($"type mismatch: expected {expected.Name()} but found {actual.Name()}");
        return actual;
    }

    private ValueType[] PopAll(ValueType[] expected)
    {
        var popped = new ValueType[expected.Length];
        for (var i = expected.Length - 1; i >= 0; i--)
        {
            popped[i] = Pop(expected[i]);
        }
        return popped;
    }

    private void PushFrame(ushort opcode, FuncType type)
    {
        _frames.Add(new ControlFrame { Start = _instructionOffset, Opcode = opcode, Type = type, Height = _operands.Count });
        PushAll(type.Parameters);
    }

    private ControlFrame PopFrame()
    {
        if (_frames.Count == 0) throw Error("unexpected end");
        var frame = _frames[^1];
        PopAll(frame.Type.Results);
        if (_operands.Count != frame.Height) throw Error("type mismatch: values remaining on the stack at end of block");
        _frames.RemoveAt(_frames.Count - 1);
        return frame;
    }

    private void MarkUnreachable()
    {
        var frame = _frames[^1];
        _operands.RemoveRange(frame.Height, _operands.Count - frame.Height);
        frame.Unreachable = true;
        _frames[^1] = frame;
    }
}
