using System.Reflection;
using System.Reflection.Emit;
using WasmCloud.Wasm.Decoding;
using WasmCloud.Wasm.Format;
using WasmCloud.Wasm.Validation;
using static WasmCloud.Wasm.Decoding.InstructionImmediates;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm.Compilation;

/// <summary>
/// Translates one validated function body into the CIL of a static method. The Wasm operand stack is the
/// IL stack; locals are IL locals; linear memory is reached through a cached base pointer and length.
/// Branches that leave values below their target's base spill the carried values to temporaries, pop
/// the rest, and reload.
/// </summary>
internal sealed partial class FunctionCompiler
{
    private static readonly FieldInfo ContextMemory = ClrTypes.Field(typeof(VmContext), nameof(VmContext.Memory0));
    private static readonly FieldInfo ContextTables = ClrTypes.Field(typeof(VmContext), nameof(VmContext.Tables));
    private static readonly FieldInfo ContextGlobals = ClrTypes.Field(typeof(VmContext), nameof(VmContext.Globals));
    private static readonly FieldInfo ContextFunctions = ClrTypes.Field(typeof(VmContext), nameof(VmContext.Functions));
    private static readonly FieldInfo ContextTypeIds = ClrTypes.Field(typeof(VmContext), nameof(VmContext.TypeIds));
    private static readonly FieldInfo ContextBudgetFloor = ClrTypes.Field(typeof(VmContext), nameof(VmContext.BudgetFloor));
    private static readonly FieldInfo ContextFuel = ClrTypes.Field(typeof(VmContext), nameof(VmContext.Fuel));
    private static readonly FieldInfo FuelRemaining = ClrTypes.Field(typeof(FuelTank), nameof(FuelTank.Remaining));
    private static readonly FieldInfo ContextInterrupted = ClrTypes.Field(typeof(VmContext), nameof(VmContext.Interrupted));
    private static readonly FieldInfo MemoryBase = ClrTypes.Field(typeof(Memory), nameof(Memory.Base));
    private static readonly FieldInfo MemoryLength = ClrTypes.Field(typeof(Memory), nameof(Memory.Length));
    private static readonly FieldInfo GlobalBits = ClrTypes.Field(typeof(Global), nameof(Global.Bits));
    private static readonly FieldInfo GlobalVector = ClrTypes.Field(typeof(Global), nameof(Global.Vector));
    private static readonly FieldInfo GlobalReference = ClrTypes.Field(typeof(Global), nameof(Global.Reference));
    private static readonly FieldInfo FuncContext = ClrTypes.Field(typeof(Func), nameof(Func.Context));
    private static readonly FieldInfo FuncCode = ClrTypes.Field(typeof(Func), nameof(Func.Code));
    private static readonly MethodInfo MemoryAddress = ClrTypes.Method(typeof(GuestSupport), nameof(GuestSupport.Address));

    private readonly ModuleCompilation _module;
    private readonly int _functionIndex;
    private readonly FuncType _type;
    private readonly CilWriter _il;
    private readonly ValueType[] _localTypes;
    private readonly LocalBuilder?[] _locals;
    private readonly int _budgetArgument;
    private readonly int _contextArgument;
    private readonly SplitLayout? _layout;
    private readonly List<ValueType> _stack = new(32);
    private readonly List<Frame> _frames = new(16);
    private readonly Dictionary<Type, Stack<LocalBuilder>> _freeTemporaries = [];
    private const ushort PromoteF32 = 0xBB, DemoteF64 = 0xB6;
    private ushort _previousOpcode;
    private LocalBuilder? _memoryBase;
    private LocalBuilder? _memoryLength;

    private sealed class Frame
    {
        public ushort Kind;
        public required FuncType Type;
        public int Height;
        public Label Label;
        public Label Else;
        public bool HasElse;
        public bool Targeted;
        public bool Unreachable;
        public bool Dead;
        public bool IsFunction;

        /// <summary>In a chunk: a frame of the method that calls the chunk, reached by returning an exit code.</summary>
        public bool IsExit;

        public ValueType[] LabelTypes => Kind == Opcodes.Loop ? Type.Parameters : Type.Results;
    }

    public FunctionCompiler(ModuleCompilation module, int functionIndex, ILGenerator il, SplitLayout? layout = null)
    {
        _module = module;
        _functionIndex = functionIndex;
        _type = module.Definition.FunctionType(functionIndex);
        _il = new CilWriter(il);
        var body = module.Definition.Bodies[functionIndex - module.Definition.ImportedFunctionCount];
        _localTypes = [.. _type.Parameters, .. body.Locals];
        _locals = new LocalBuilder?[_localTypes.Length];
        _layout = layout;
        if (layout is null)
            for (var i = _type.Parameters.Length; i < _localTypes.Length; i++) _locals[i] = _il.DeclareLocal(ClrTypes.Of(_localTypes[i]));
        _budgetArgument = _type.Parameters.Length;
        _contextArgument = _type.Parameters.Length + 1;
    }

    /// <summary>Stack bytes charged against the budget on entry; generously above the JIT's real frame.</summary>
    public static int FrameCost(int localCount, int maxStackHeight) => 128 + 16 * (localCount + maxStackHeight);

    public void Compile(FunctionFacts facts)
    {
        var body = _module.Definition.Bodies[_functionIndex - _module.Definition.ImportedFunctionCount];
        EmitPrologue(FrameCost(_localTypes.Length, facts.MaxStackHeight) + (_layout?.BufferBytes ?? 0), facts.UsesMemory);
        if (_layout is not null) EmitSplitStorage();
        _frames.Add(new Frame { Kind = Opcodes.Block, Type = new FuncType([], _type.Results), IsFunction = true });
        var reader = new WasmReader(body.Code, body.CodeOffset);
        while (_frames.Count > 0)
        {
            if (TryCompileChunk(reader, facts)) continue;
            CompileInstruction(ReadOpcode(reader), reader);
        }
    }

    private void EmitPrologue(int frameCost, bool usesMemory)
    {
        var enoughStack = _il.DefineLabel();
        _il.LoadArgument(_budgetArgument);
        _il.LoadConstant(frameCost);
        _il.Op(OpCodes.Sub);
        _il.Op(OpCodes.Dup);
        _il.StoreArgument(_budgetArgument);
        // One comparison covers both entry checks: the floor is 0, and an interruption raises it above any budget.
        _il.LoadArgument(_contextArgument);
        _il.Op(OpCodes.Ldfld, ContextBudgetFloor);
        _il.Op(OpCodes.Bge, enoughStack);
        _il.LoadArgument(_contextArgument);
        _il.Op(OpCodes.Call, ClrTypes.Method(typeof(GuestSupport), nameof(GuestSupport.ThrowAtEntry)));
        _il.Mark(enoughStack);
        if (!_isChunk) EmitChargeFuel();
        if (usesMemory && _module.Definition.Memories.Length > 0)
        {
            _memoryBase = _il.DeclareLocal(typeof(byte*));
            _memoryLength = _il.DeclareLocal(typeof(long));
            EmitReloadMemory();
        }
    }

    /// <summary>Takes one unit from the store's fuel, trapping when none is left (only when the engine consumes fuel).</summary>
    private void EmitChargeFuel()
    {
        if (!_module.ConsumeFuel) return;
        var tank = RentTemporary(typeof(FuelTank));
        var enough = _il.DefineLabel();
        _il.LoadArgument(_contextArgument);
        _il.Op(OpCodes.Ldfld, ContextFuel);
        _il.Op(OpCodes.Stloc, tank);
        _il.Op(OpCodes.Ldloc, tank);
        _il.Op(OpCodes.Ldloc, tank);
        _il.Op(OpCodes.Ldfld, FuelRemaining);
        _il.Op(OpCodes.Ldc_I4_1);
        _il.Op(OpCodes.Conv_I8);
        _il.Op(OpCodes.Sub);
        _il.Op(OpCodes.Stfld, FuelRemaining);
        _il.Op(OpCodes.Ldloc, tank);
        _il.Op(OpCodes.Ldfld, FuelRemaining);
        _il.Op(OpCodes.Ldc_I4_0);
        _il.Op(OpCodes.Conv_I8);
        _il.Op(OpCodes.Bge, enough);
        _il.Op(OpCodes.Call, ClrTypes.Method(typeof(GuestSupport), nameof(GuestSupport.ThrowOutOfFuel)));
        _il.Mark(enough);
        ReturnTemporary(tank);
    }

    private void EmitInterruptCheck()
    {
        var running = _il.DefineLabel();
        _il.LoadArgument(_contextArgument);
        _il.Op(OpCodes.Volatile);
        _il.Op(OpCodes.Ldfld, ContextInterrupted);
        _il.Op(OpCodes.Brfalse, running);
        _il.Op(OpCodes.Call, ClrTypes.Method(typeof(GuestSupport), nameof(GuestSupport.ThrowInterrupted)));
        _il.Mark(running);
    }

    private void EmitReloadMemory()
    {
        if (_memoryBase is null) return;
        _il.LoadArgument(_contextArgument);
        _il.Op(OpCodes.Ldfld, ContextMemory);
        _il.Op(OpCodes.Dup);
        _il.Op(OpCodes.Ldfld, MemoryBase);
        _il.Op(OpCodes.Stloc, _memoryBase);
        _il.Op(OpCodes.Ldfld, MemoryLength);
        _il.Op(OpCodes.Stloc, _memoryLength!);
    }

    private Frame Current => _frames[^1];

    private void SetUnreachable()
    {
        Current.Unreachable = true;
        _il.Live = false;
    }

    private void Push(ValueType type) => _stack.Add(type);

    private ValueType Pop()
    {
        if (_stack.Count <= Current.Height) return 0; // only in dead code
        var type = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return type;
    }

    private void PopMany(int count)
    {
        for (var i = 0; i < count; i++) Pop();
    }

    private LocalBuilder RentTemporary(Type type)
    {
        if (_freeTemporaries.TryGetValue(type, out var free) && free.Count > 0) return free.Pop();
        return _il.DeclareLocal(type);
    }

    private void ReturnTemporary(LocalBuilder local)
    {
        if (!_freeTemporaries.TryGetValue(local.LocalType, out var free)) _freeTemporaries[local.LocalType] = free = new Stack<LocalBuilder>();
        free.Push(local);
    }

    private void CompileInstruction(ushort opcode, WasmReader r)
    {
        var previous = _previousOpcode;
        _previousOpcode = opcode;
        if (NumericOps.Of(opcode) is { } numeric)
        {
            // The JIT cancels a promotion followed by a demotion, which would keep a signalling NaN signalling.
            if (opcode == DemoteF64 && previous == PromoteF32) _il.Op(OpCodes.Call, ClrTypes.Method(typeof(NumericSupport), nameof(NumericSupport.DemoteOpaque)));
            else NumericEmitter.Emit(_il, opcode);
            PopMany(numeric.Arity);
            Push(numeric.Result);
            return;
        }
        if (opcode >> 8 == Opcodes.SimdPrefix)
        {
            CompileSimd((uint)opcode & 0xFF, r, previous);
            return;
        }

        switch (opcode)
        {
            case Opcodes.Unreachable:
                _il.LoadConstant((int)TrapKind.Unreachable);
                _il.Op(OpCodes.Call, ClrTypes.Method(typeof(GuestSupport), nameof(GuestSupport.Trap)));
                _il.Op(OpCodes.Throw);
                SetUnreachable();
                break;
            case Opcodes.Nop: break;
            case Opcodes.Block: EnterBlock(opcode, ReadBlockType(r, _module.Definition.Types, _functionIndex)); break;
            case Opcodes.Loop:
            {
                var frame = EnterBlock(opcode, ReadBlockType(r, _module.Definition.Types, _functionIndex));
                _il.Mark(frame.Label);
                EmitInterruptCheck();
                EmitChargeFuel();
                break;
            }
            case Opcodes.If:
            {
                var type = ReadBlockType(r, _module.Definition.Types, _functionIndex);
                Pop();
                var elseLabel = _il.DefineLabel();
                _il.Op(OpCodes.Brfalse, elseLabel);
                var frame = EnterBlock(opcode, type);
                frame.Else = elseLabel;
                break;
            }
            case Opcodes.Else: CompileElse(); break;
            case Opcodes.End: CompileEnd(); break;
            case Opcodes.Br:
                EmitBranch(r.ReadIndex());
                SetUnreachable();
                break;
            case Opcodes.BrIf: CompileBrIf(r.ReadIndex()); break;
            case Opcodes.BrTable: CompileBrTable(r); break;
            case Opcodes.Return:
                EmitReturn();
                SetUnreachable();
                break;
            case Opcodes.Call: CompileCall(r.ReadIndex()); break;
            case Opcodes.CallIndirect: CompileCallIndirect(r.ReadIndex(), r.ReadIndex()); break;
            case Opcodes.Drop:
                Pop();
                _il.Op(OpCodes.Pop);
                break;
            case Opcodes.Select: CompileSelect(); break;
            case Opcodes.SelectTyped:
                r.ReadU32();
                ModuleDecoder.ReadValueType(r);
                CompileSelect();
                break;
            case Opcodes.LocalGet:
            {
                var index = r.ReadIndex();
                LoadLocal(index);
                Push(_localTypes[index]);
                break;
            }
            case Opcodes.LocalSet:
                StoreLocal(r.ReadIndex());
                Pop();
                break;
            case Opcodes.LocalTee:
                _il.Op(OpCodes.Dup);
                StoreLocal(r.ReadIndex());
                break;
            case Opcodes.GlobalGet: CompileGlobalGet(r.ReadIndex()); break;
            case Opcodes.GlobalSet: CompileGlobalSet(r.ReadIndex()); break;
            case Opcodes.TableGet:
            {
                var table = r.ReadIndex();
                LoadTable(table);
                _il.Op(OpCodes.Call, ClrTypes.Method(typeof(GuestSupport), nameof(GuestSupport.TableGet)));
                Pop();
                Push(_module.Definition.Tables[table].ElementType);
                break;
            }
            case Opcodes.TableSet:
                LoadTable(r.ReadIndex());
                _il.Op(OpCodes.Call, ClrTypes.Method(typeof(GuestSupport), nameof(GuestSupport.TableSet)));
                PopMany(2);
                break;
            case >= Opcodes.I32Load and <= Opcodes.I64Load32U: CompileLoad(opcode, ReadMemArg(r)); break;
            case >= Opcodes.I32Store and <= Opcodes.I64Store32: CompileStore(opcode, ReadMemArg(r)); break;
            case Opcodes.MemorySize:
                ReadZeroByte(r);
                _il.Op(OpCodes.Ldloc, _memoryLength!);
                _il.LoadConstant(16);
                _il.Op(OpCodes.Shr_Un);
                _il.Op(OpCodes.Conv_I4);
                Push(ValueType.I32);
                break;
            case Opcodes.MemoryGrow:
                ReadZeroByte(r);
                LoadMemory();
                _il.Op(OpCodes.Call, ClrTypes.Method(typeof(GuestSupport), nameof(GuestSupport.MemoryGrow)));
                EmitReloadMemory();
                break;
            case Opcodes.I32Const:
                _il.LoadConstant(r.ReadS32());
                Push(ValueType.I32);
                break;
            case Opcodes.I64Const:
                _il.Op(OpCodes.Ldc_I8, r.ReadS64());
                Push(ValueType.I64);
                break;
            case Opcodes.F32Const: CompileF32Const(r.ReadF32Bits()); break;
            case Opcodes.F64Const: CompileF64Const(r.ReadF64Bits()); break;
            case Opcodes.RefNull:
                Push(ModuleDecoder.ReadValueType(r));
                _il.Op(OpCodes.Ldnull);
                break;
            case Opcodes.RefIsNull:
                _il.Op(OpCodes.Ldnull);
                _il.Op(OpCodes.Ceq);
                Pop();
                Push(ValueType.I32);
                break;
            case Opcodes.RefFunc:
                _il.LoadConstant(r.ReadIndex());
                _il.LoadArgument(_contextArgument);
                _il.Op(OpCodes.Call, ClrTypes.Method(typeof(GuestSupport), nameof(GuestSupport.RefFunc)));
                Push(ValueType.FuncRef);
                break;
            default: CompileBulk(opcode, r); break;
        }
    }

    private Frame EnterBlock(ushort kind, FuncType type)
    {
        var dead = Current.Unreachable;
        var frame = new Frame
        {
            Kind = kind,
            Type = type,
            Height = _stack.Count - type.Parameters.Length,
            Label = _il.DefineLabel(),
            Dead = dead,
            Unreachable = dead,
        };
        _frames.Add(frame);
        return frame;
    }

    private void ResetStack(Frame frame, ValueType[] top)
    {
        if (_stack.Count > frame.Height) _stack.RemoveRange(frame.Height, _stack.Count - frame.Height);
        while (_stack.Count < frame.Height) _stack.Add(0);
        _stack.AddRange(top);
    }

    private void CompileElse()
    {
        var frame = Current;
        if (!frame.Unreachable)
        {
            _il.Op(OpCodes.Br, frame.Label);
            frame.Targeted = true;
        }
        frame.HasElse = true;
        frame.Unreachable = frame.Dead;
        _il.Live = !frame.Dead;
        _il.Mark(frame.Else);
        ResetStack(frame, frame.Type.Parameters);
    }

    private void CompileEnd()
    {
        var frame = Current;
        if (frame.IsFunction)
        {
            if (!frame.Unreachable) EmitReturn();
            _frames.RemoveAt(_frames.Count - 1);
            return;
        }

        var ifWithoutElse = frame.Kind == Opcodes.If && !frame.HasElse;
        var reachable = !frame.Dead && (!frame.Unreachable || frame.Targeted || ifWithoutElse);
        _il.Live = reachable;
        if (ifWithoutElse) _il.Mark(frame.Else);
        if (frame.Kind != Opcodes.Loop) _il.Mark(frame.Label);
        _frames.RemoveAt(_frames.Count - 1);
        ResetStack(frame, frame.Type.Results);
        if (!reachable) Current.Unreachable = true;
        _il.Live = !Current.Unreachable;
    }

    /// <summary>Leaves the label's values on top of the stack, dropping whatever lies between them and the target's base.</summary>
    private void EmitDiscard(ValueType[] carried, int extras)
    {
        if (extras <= 0 || !_il.Live) return;
        var temporaries = new LocalBuilder[carried.Length];
        for (var i = carried.Length - 1; i >= 0; i--)
        {
            temporaries[i] = RentTemporary(ClrTypes.Of(carried[i]));
            _il.Op(OpCodes.Stloc, temporaries[i]);
        }
        for (var i = 0; i < extras; i++) _il.Op(OpCodes.Pop);
        foreach (var temporary in temporaries)
        {
            _il.Op(OpCodes.Ldloc, temporary);
            ReturnTemporary(temporary);
        }
    }

    private Frame Target(int depth) => _frames[_frames.Count - 1 - depth];

    private int ExtrasFor(Frame target) => _stack.Count - target.LabelTypes.Length - target.Height;

    private void EmitBranch(int depth)
    {
        var target = Target(depth);
        if (target.IsExit)
        {
            EmitExit(target);
            return;
        }
        if (target.IsFunction)
        {
            EmitReturn();
            return;
        }
        EmitDiscard(target.LabelTypes, ExtrasFor(target));
        _il.Op(OpCodes.Br, target.Label);
        if (target.Kind != Opcodes.Loop && _il.Live) target.Targeted = true;
    }

    private void EmitReturn()
    {
        if (_frames.Count > 0 && _frames[0].IsExit)
        {
            EmitExit(_frames[0]);
            return;
        }
        EmitDiscard(_type.Results, _stack.Count - _type.Results.Length);
        if (_type.Results.Length > 1) ClrTypes.EmitPack(_il, _type.Results);
        _il.Op(OpCodes.Ret);
    }

    private bool CanBranchDirectly(Frame target) => !target.IsFunction && !target.IsExit && ExtrasFor(target) <= 0;

    private void CompileBrIf(int depth)
    {
        Pop();
        var target = Target(depth);
        if (CanBranchDirectly(target))
        {
            _il.Op(OpCodes.Brtrue, target.Label);
            if (target.Kind != Opcodes.Loop && _il.Live) target.Targeted = true;
            return;
        }
        var notTaken = _il.DefineLabel();
        _il.Op(OpCodes.Brfalse, notTaken);
        EmitBranch(depth);
        _il.Mark(notTaken);
    }

    private void CompileBrTable(WasmReader r)
    {
        var count = r.ReadIndex();
        var depths = new int[count];
        for (var i = 0; i < count; i++) depths[i] = r.ReadIndex();
        var defaultDepth = r.ReadIndex();
        Pop();
        var labels = new Label[count];
        var trampolines = new Dictionary<int, Label>();
        for (var i = 0; i < count; i++)
        {
            var target = Target(depths[i]);
            if (CanBranchDirectly(target))
            {
                labels[i] = target.Label;
                if (target.Kind != Opcodes.Loop && _il.Live) target.Targeted = true;
            }
            else if (!trampolines.TryGetValue(depths[i], out labels[i]))
            {
                labels[i] = trampolines[depths[i]] = _il.DefineLabel();
            }
        }
        // A br_table with only a default is a plain branch (and an empty switch is not valid metadata).
        if (count == 0) _il.Op(OpCodes.Pop);
        else _il.Op(OpCodes.Switch, labels);
        EmitBranch(defaultDepth);
        foreach (var (depth, label) in trampolines)
        {
            _il.Mark(label);
            EmitBranch(depth);
        }
        SetUnreachable();
    }

    private void CompileCall(int callee)
    {
        var calleeType = _module.Definition.FunctionType(callee);
        if (callee >= _module.Definition.ImportedFunctionCount)
        {
            _il.LoadArgument(_budgetArgument);
            _il.LoadArgument(_contextArgument);
            _il.Op(OpCodes.Call, _module.Methods[callee - _module.Definition.ImportedFunctionCount]);
        }
        else
        {
            var function = RentTemporary(typeof(Func));
            _il.LoadArgument(_budgetArgument);
            LoadFunction(callee);
            _il.Op(OpCodes.Stloc, function);
            EmitCalli(function, calleeType);
            ReturnTemporary(function);
        }
        FinishCall(calleeType);
    }

    private void CompileCallIndirect(int typeIndex, int table)
    {
        var calleeType = _module.Definition.Types[typeIndex];
        var index = RentTemporary(typeof(int));
        var function = RentTemporary(typeof(Func));
        _il.Op(OpCodes.Stloc, index);
        Pop();
        _il.LoadArgument(_budgetArgument);
        LoadTable(table);
        _il.Op(OpCodes.Ldloc, index);
        // Type identities are the engine's, known only at run time, so compiled code can be cached across processes.
        _il.LoadArgument(_contextArgument);
        _il.Op(OpCodes.Ldfld, ContextTypeIds);
        _il.LoadConstant(typeIndex);
        _il.Op(OpCodes.Ldelem_I4);
        _il.Op(OpCodes.Call, ClrTypes.Method(typeof(GuestSupport), nameof(GuestSupport.ResolveIndirect)));
        _il.Op(OpCodes.Stloc, function);
        EmitCalli(function, calleeType);
        ReturnTemporary(index);
        ReturnTemporary(function);
        FinishCall(calleeType);
    }

    /// <summary>With the arguments and budget pushed, calls through a <see cref="Func"/> held in a local.</summary>
    private void EmitCalli(LocalBuilder function, FuncType type)
    {
        _il.Op(OpCodes.Ldloc, function);
        _il.Op(OpCodes.Ldfld, FuncContext);
        _il.Op(OpCodes.Ldloc, function);
        _il.Op(OpCodes.Ldfld, FuncCode);
        _il.Calli(ClrTypes.ReturnType(type.Results), ClrTypes.ParameterTypes(type));
    }

    private void FinishCall(FuncType calleeType)
    {
        PopMany(calleeType.Parameters.Length);
        if (calleeType.Results.Length > 1)
        {
            var tuple = RentTemporary(ClrTypes.TupleOf(calleeType.Results));
            _il.Op(OpCodes.Stloc, tuple);
            ClrTypes.EmitUnpack(_il, calleeType.Results, tuple);
            ReturnTemporary(tuple);
        }
        foreach (var result in calleeType.Results) Push(result);
        EmitReloadMemory();
    }

    private void CompileSelect()
    {
        Pop();
        var type = Pop();
        Pop();
        Push(type);
        if (!_il.Live) return;
        var whenTrue = _il.DefineLabel();
        var done = _il.DefineLabel();
        var second = RentTemporary(ClrTypes.Of(type));
        _il.Op(OpCodes.Brtrue, whenTrue);
        _il.Op(OpCodes.Stloc, second);
        _il.Op(OpCodes.Pop);
        _il.Op(OpCodes.Ldloc, second);
        _il.Op(OpCodes.Br, done);
        _il.Mark(whenTrue);
        _il.Op(OpCodes.Pop);
        _il.Mark(done);
        ReturnTemporary(second);
    }

    private void LoadLocal(int index)
    {
        if (_layout is not null) LoadSlot(_localTypes[index], _layout.LocalSlot(index));
        else if (_locals[index] is { } local) _il.Op(OpCodes.Ldloc, local);
        else _il.LoadArgument(index);
    }

    private void StoreLocal(int index)
    {
        if (_layout is not null) StoreSlot(_localTypes[index], _layout.LocalSlot(index));
        else if (_locals[index] is { } local) _il.Op(OpCodes.Stloc, local);
        else _il.StoreArgument(index);
    }

    private void LoadElement(FieldInfo array, int index)
    {
        _il.LoadArgument(_contextArgument);
        _il.Op(OpCodes.Ldfld, array);
        _il.LoadConstant(index);
        _il.Op(OpCodes.Ldelem_Ref);
    }

    private void LoadTable(int index) => LoadElement(ContextTables, index);
    private void LoadFunction(int index) => LoadElement(ContextFunctions, index);

    private void LoadMemory()
    {
        _il.LoadArgument(_contextArgument);
        _il.Op(OpCodes.Ldfld, ContextMemory);
    }

    private void CompileGlobalGet(int index)
    {
        var type = _module.Definition.Globals[index].ValueType;
        LoadElement(ContextGlobals, index);
        switch (type)
        {
            case ValueType.I32:
                _il.Op(OpCodes.Ldfld, GlobalBits);
                _il.Op(OpCodes.Conv_I4);
                break;
            case ValueType.I64: _il.Op(OpCodes.Ldfld, GlobalBits); break;
            case ValueType.F32:
                _il.Op(OpCodes.Ldfld, GlobalBits);
                _il.Op(OpCodes.Conv_I4);
                _il.Op(OpCodes.Call, ClrTypes.Method(typeof(BitConverter), nameof(BitConverter.Int32BitsToSingle)));
                break;
            case ValueType.F64:
                _il.Op(OpCodes.Ldfld, GlobalBits);
                _il.Op(OpCodes.Call, ClrTypes.Method(typeof(BitConverter), nameof(BitConverter.Int64BitsToDouble)));
                break;
            case ValueType.V128: _il.Op(OpCodes.Ldfld, GlobalVector); break;
            default: _il.Op(OpCodes.Ldfld, GlobalReference); break;
        }
        Push(type);
    }

    private void CompileGlobalSet(int index)
    {
        var type = Pop();
        var field = type.IsReference() ? GlobalReference : type == ValueType.V128 ? GlobalVector : GlobalBits;
        switch (type)
        {
            case ValueType.I32: _il.Op(OpCodes.Conv_I8); break;
            case ValueType.F32:
                _il.Op(OpCodes.Call, ClrTypes.Method(typeof(BitConverter), nameof(BitConverter.SingleToInt32Bits)));
                _il.Op(OpCodes.Conv_I8);
                break;
            case ValueType.F64:
                _il.Op(OpCodes.Call, ClrTypes.Method(typeof(BitConverter), nameof(BitConverter.DoubleToInt64Bits)));
                break;
        }
        var value = RentTemporary(field.FieldType);
        _il.Op(OpCodes.Stloc, value);
        LoadElement(ContextGlobals, index);
        _il.Op(OpCodes.Ldloc, value);
        _il.Op(OpCodes.Stfld, field);
        ReturnTemporary(value);
    }

    private void CompileF32Const(uint bits)
    {
        var value = BitConverter.Int32BitsToSingle((int)bits);
        if (OpaqueFloatConstants.F32FieldFor(bits) is { } field)
            _il.Op(OpCodes.Ldsfld, typeof(OpaqueFloatConstants).GetField(field)!);
        else if (float.IsNaN(value))
        {
            _il.LoadConstant((int)bits);
            _il.Op(OpCodes.Call, ClrTypes.Method(typeof(GuestSupport), nameof(GuestSupport.F32FromBits)));
        }
        else _il.Op(OpCodes.Ldc_R4, value);
        Push(ValueType.F32);
    }

    private void CompileF64Const(ulong bits)
    {
        var value = BitConverter.Int64BitsToDouble((long)bits);
        if (OpaqueFloatConstants.F64FieldFor(bits) is { } field)
            _il.Op(OpCodes.Ldsfld, typeof(OpaqueFloatConstants).GetField(field)!);
        else if (double.IsNaN(value))
        {
            _il.Op(OpCodes.Ldc_I8, (long)bits);
            _il.Op(OpCodes.Call, ClrTypes.Method(typeof(GuestSupport), nameof(GuestSupport.F64FromBits)));
        }
        else _il.Op(OpCodes.Ldc_R8, value);
        Push(ValueType.F64);
    }

    /// <summary>
    /// Turns the i32 address on the stack into a native pointer, trapping unless
    /// <c>address + offset + width &lt;= length</c> (computed in 64 bits, so it cannot wrap). The check is an
    /// inlined helper rather than a branch in the emitted IL: a branch with Wasm operands on the IL stack makes
    /// the JIT spill them at every access and keep nothing in registers.
    /// </summary>
    private void EmitAddress(MemArg memArg, int width)
    {
        _il.Op(OpCodes.Conv_U8);
        if (memArg.Offset != 0)
        {
            _il.Op(OpCodes.Ldc_I8, (long)memArg.Offset);
            _il.Op(OpCodes.Add);
        }
        _il.Op(OpCodes.Ldloc, _memoryBase!);
        _il.Op(OpCodes.Ldloc, _memoryLength!);
        _il.Op(OpCodes.Ldc_I8, (long)width);
        _il.Op(OpCodes.Call, MemoryAddress);
    }

    private void CompileLoad(ushort opcode, MemArg memArg)
    {
        EmitAddress(memArg, MemoryAccess(opcode).Width);
        switch (opcode)
        {
            case Opcodes.I32Load or Opcodes.I64Load or Opcodes.F32Load or Opcodes.F64Load: ClrTypes.EmitLoadIndirect(_il, MemoryValueType(opcode)); break;
            case Opcodes.I32Load8S: _il.Op(OpCodes.Ldind_I1); break;
            case Opcodes.I32Load8U: _il.Op(OpCodes.Ldind_U1); break;
            case Opcodes.I32Load16S: _il.Op(OpCodes.Ldind_I2); break;
            case Opcodes.I32Load16U: _il.Op(OpCodes.Ldind_U2); break;
            case Opcodes.I64Load8S: _il.Op(OpCodes.Ldind_I1); _il.Op(OpCodes.Conv_I8); break;
            case Opcodes.I64Load8U: _il.Op(OpCodes.Ldind_U1); _il.Op(OpCodes.Conv_U8); break;
            case Opcodes.I64Load16S: _il.Op(OpCodes.Ldind_I2); _il.Op(OpCodes.Conv_I8); break;
            case Opcodes.I64Load16U: _il.Op(OpCodes.Ldind_U2); _il.Op(OpCodes.Conv_U8); break;
            case Opcodes.I64Load32S: _il.Op(OpCodes.Ldind_I4); _il.Op(OpCodes.Conv_I8); break;
            case Opcodes.I64Load32U: _il.Op(OpCodes.Ldind_U4); _il.Op(OpCodes.Conv_U8); break;
        }
        Pop();
        Push(MemoryValueType(opcode));
    }

    private void CompileStore(ushort opcode, MemArg memArg)
    {
        var type = MemoryValueType(opcode);
        var value = RentTemporary(ClrTypes.Of(type));
        _il.Op(OpCodes.Stloc, value);
        EmitAddress(memArg, MemoryAccess(opcode).Width);
        _il.Op(OpCodes.Ldloc, value);
        switch (opcode)
        {
            case Opcodes.I32Store or Opcodes.I64Store or Opcodes.F32Store or Opcodes.F64Store: ClrTypes.EmitStoreIndirect(_il, type); break;
            case Opcodes.I32Store8: _il.Op(OpCodes.Stind_I1); break;
            case Opcodes.I32Store16: _il.Op(OpCodes.Stind_I2); break;
            case Opcodes.I64Store8: _il.Op(OpCodes.Conv_U4); _il.Op(OpCodes.Stind_I1); break;
            case Opcodes.I64Store16: _il.Op(OpCodes.Conv_U4); _il.Op(OpCodes.Stind_I2); break;
            case Opcodes.I64Store32: _il.Op(OpCodes.Conv_U4); _il.Op(OpCodes.Stind_I4); break;
        }
        ReturnTemporary(value);
        PopMany(2);
    }

    private void CompileBulk(ushort opcode, WasmReader r)
    {
        var support = typeof(GuestSupport);
        switch (opcode)
        {
            case Opcodes.MemoryInit:
                _il.LoadConstant(r.ReadIndex());
                ReadZeroByte(r);
                _il.LoadArgument(_contextArgument);
                _il.Op(OpCodes.Call, ClrTypes.Method(support, nameof(GuestSupport.MemoryInit)));
                PopMany(3);
                break;
            case Opcodes.DataDrop:
                _il.LoadConstant(r.ReadIndex());
                _il.LoadArgument(_contextArgument);
                _il.Op(OpCodes.Call, ClrTypes.Method(support, nameof(GuestSupport.DataDrop)));
                break;
            case Opcodes.MemoryCopy:
                ReadZeroByte(r);
                ReadZeroByte(r);
                LoadMemory();
                _il.Op(OpCodes.Call, ClrTypes.Method(support, nameof(GuestSupport.MemoryCopy)));
                PopMany(3);
                break;
            case Opcodes.MemoryFill:
                ReadZeroByte(r);
                LoadMemory();
                _il.Op(OpCodes.Call, ClrTypes.Method(support, nameof(GuestSupport.MemoryFill)));
                PopMany(3);
                break;
            case Opcodes.TableInit:
                _il.LoadConstant(r.ReadIndex());
                LoadTable(r.ReadIndex());
                _il.LoadArgument(_contextArgument);
                _il.Op(OpCodes.Call, ClrTypes.Method(support, nameof(GuestSupport.TableInit)));
                PopMany(3);
                break;
            case Opcodes.ElemDrop:
                _il.LoadConstant(r.ReadIndex());
                _il.LoadArgument(_contextArgument);
                _il.Op(OpCodes.Call, ClrTypes.Method(support, nameof(GuestSupport.ElemDrop)));
                break;
            case Opcodes.TableCopy:
                LoadTable(r.ReadIndex());
                LoadTable(r.ReadIndex());
                _il.Op(OpCodes.Call, ClrTypes.Method(support, nameof(GuestSupport.TableCopy)));
                PopMany(3);
                break;
            case Opcodes.TableGrow:
                LoadTable(r.ReadIndex());
                _il.Op(OpCodes.Call, ClrTypes.Method(support, nameof(GuestSupport.TableGrow)));
                PopMany(2);
                Push(ValueType.I32);
                break;
            case Opcodes.TableSize:
                LoadTable(r.ReadIndex());
                _il.Op(OpCodes.Call, ClrTypes.Method(support, nameof(GuestSupport.TableSize)));
                Push(ValueType.I32);
                break;
            case Opcodes.TableFill:
                LoadTable(r.ReadIndex());
                _il.Op(OpCodes.Call, ClrTypes.Method(support, nameof(GuestSupport.TableFill)));
                PopMany(3);
                break;
            default: throw new WasmException($"opcode 0x{opcode:x} cannot be compiled");
        }
    }
}
