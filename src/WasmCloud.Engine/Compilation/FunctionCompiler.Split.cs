using System.Reflection.Emit;
using WasmCloud.Wasm.Decoding;
using WasmCloud.Wasm.Format;
using WasmCloud.Wasm.Validation;
using static WasmCloud.Wasm.Decoding.InstructionImmediates;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm.Compilation;

/// <summary>
/// Splitting of very large functions: the function's locals live in a <see cref="SplitLayout"/>, and each
/// planned chunk of its body is compiled into a method of its own, called with the locals' storage. A chunk
/// returns 0 when it runs to its end and <c>i + 1</c> for its i-th distinct way out (a function return, or a
/// branch to a label outside it); the values it carries wait in the layout's transfer slots.
/// </summary>
internal sealed partial class FunctionCompiler
{
    private const int ChunkBufferArgument = 0, ChunkReferencesArgument = 1;

    private readonly Dictionary<int, int>? _chunks;
    private readonly bool _isChunk;
    /// <summary>A chunk's distinct ways out, in order of first use: -1 for a return, <c>depth + 1</c> for a branch.</summary>
    private readonly List<int> _exits = [];
    private LocalBuilder? _splitBuffer;
    private LocalBuilder? _splitReferences;

    public FunctionCompiler(ModuleCompilation module, int functionIndex, ILGenerator il, SplitLayout layout, Dictionary<int, int> chunks)
        : this(module, functionIndex, il, layout) => _chunks = chunks;

    /// <summary>A chunk: the enclosing frames of its call site become exits.</summary>
    private FunctionCompiler(ModuleCompilation module, int functionIndex, ILGenerator il, SplitLayout layout, List<Frame> callSiteFrames)
        : this(module, functionIndex, il, layout)
    {
        _isChunk = true;
        _budgetArgument = 2;
        _contextArgument = 3;
        foreach (var frame in callSiteFrames)
            _frames.Add(new Frame { Kind = frame.Kind, Type = frame.Type, IsFunction = frame.IsFunction, IsExit = true });
    }

    private int ExitFrameCount => _isChunk ? _frames.TakeWhile(f => f.IsExit).Count() : 0;

    /// <summary>Allocates the locals' storage on entry and moves the parameters into it.</summary>
    private void EmitSplitStorage()
    {
        var layout = _layout!;
        _splitBuffer = _il.DeclareLocal(typeof(byte*));
        _il.LoadConstant(layout.BufferBytes);
        _il.Op(OpCodes.Conv_U);
        _il.Op(OpCodes.Localloc);
        _il.Op(OpCodes.Stloc, _splitBuffer);
        if (layout.ReferenceCount > 0)
        {
            _splitReferences = _il.DeclareLocal(typeof(object[]));
            _il.LoadConstant(layout.ReferenceCount);
            _il.Op(OpCodes.Newarr, typeof(object));
            _il.Op(OpCodes.Stloc, _splitReferences);
        }
        for (var i = 0; i < _type.Parameters.Length; i++)
        {
            _il.LoadArgument(i);
            StoreSlot(_type.Parameters[i], layout.LocalSlot(i));
        }
    }

    private void LoadStorage(ValueType type)
    {
        if (type.IsReference())
        {
            if (_isChunk) _il.LoadArgument(ChunkReferencesArgument);
            else if (_splitReferences is { } references) _il.Op(OpCodes.Ldloc, references);
            else _il.Op(OpCodes.Ldnull);
        }
        else if (_isChunk) _il.LoadArgument(ChunkBufferArgument);
        else _il.Op(OpCodes.Ldloc, _splitBuffer!);
    }

    private void LoadSlot(ValueType type, int slot) => SplitLayout.EmitLoad(_il, type, slot, () => LoadStorage(type));

    private void StoreSlot(ValueType type, int slot)
    {
        var temporary = RentTemporary(ClrTypes.Of(type));
        SplitLayout.EmitStore(_il, type, slot, () => LoadStorage(type), temporary);
        ReturnTemporary(temporary);
    }

    /// <summary>In a chunk: leaves for a frame of the caller, handing over the label's values.</summary>
    private void EmitExit(Frame target)
    {
        if (!_il.Live) return;
        var types = target.IsFunction ? _type.Results : target.LabelTypes;
        var exit = target.IsFunction ? -1 : ExitFrameCount - _frames.IndexOf(target);
        if (!_exits.Contains(exit)) _exits.Add(exit);
        for (var i = types.Length - 1; i >= 0; i--) StoreSlot(types[i], _layout!.TransferSlot(types[i], i));
        for (var i = types.Length; i < _stack.Count; i++) _il.Op(OpCodes.Pop);
        _il.LoadConstant(_exits.IndexOf(exit) + 1);
        _il.Op(OpCodes.Ret);
    }

    /// <summary>At a planned chunk start: compiles the chunk as its own method, calls it, and follows its exit.</summary>
    private bool TryCompileChunk(WasmReader reader, FunctionFacts facts)
    {
        if (_chunks is null || Current.Unreachable || !_chunks.TryGetValue(reader.AbsoluteOffset, out var end)) return false;
        var start = reader.AbsoluteOffset;
        var method = _module.DefineChunk(_functionIndex);
        var chunk = new FunctionCompiler(_module, _functionIndex, method.GetILGenerator(), _layout!, _frames);
        var chunkReader = new WasmReader(_module.Definition.Bodies[_functionIndex - _module.Definition.ImportedFunctionCount].Code,
            reader.AbsoluteOffset - reader.Position) { Position = reader.Position };
        var fallsThrough = chunk.CompileChunk(chunkReader, end, facts);
        reader.Position += end - start;

        LoadStorage(ValueType.I32);
        LoadStorage(ValueType.FuncRef);
        _il.LoadArgument(_budgetArgument);
        _il.LoadArgument(_contextArgument);
        _il.Op(OpCodes.Call, method);
        EmitReloadMemory();
        // One switch over the chunk's numbered exits keeps the basic blocks per call site few: the JIT gives up
        // optimising a method with more than 2,000 of them.
        var continueLabel = _il.DefineLabel();
        var exitLabels = chunk._exits.Select(_ => _il.DefineLabel()).ToArray();
        if (exitLabels.Length > 0)
        {
            _il.Op(OpCodes.Switch, [continueLabel, .. exitLabels]);
            _il.Op(OpCodes.Br, continueLabel);
            for (var i = 0; i < exitLabels.Length; i++)
            {
                _il.Mark(exitLabels[i]);
                var exit = chunk._exits[i];
                var types = exit < 0 ? _type.Results : Target(exit - 1).LabelTypes;
                for (var t = 0; t < types.Length; t++)
                {
                    LoadSlot(types[t], _layout!.TransferSlot(types[t], t));
                    Push(types[t]);
                }
                if (exit < 0) EmitReturn();
                else EmitBranch(exit - 1);
                _stack.RemoveRange(_stack.Count - types.Length, types.Length);
            }
        }
        else _il.Op(OpCodes.Pop);
        _il.Mark(continueLabel);
        if (!fallsThrough)
        {
            _il.LoadConstant((int)TrapKind.Unreachable);
            _il.Op(OpCodes.Call, ClrTypes.Method(typeof(GuestSupport), nameof(GuestSupport.Trap)));
            _il.Op(OpCodes.Throw);
            SetUnreachable();
        }
        return true;
    }

    /// <summary>Compiles the body from the reader's position up to <paramref name="end"/>; reports whether it can run off its end.</summary>
    private bool CompileChunk(WasmReader reader, int end, FunctionFacts facts)
    {
        EmitPrologue(FrameCost(0, facts.MaxStackHeight), facts.UsesMemory);
        while (reader.AbsoluteOffset < end) CompileInstruction(ReadOpcode(reader), reader);
        var fallsThrough = !Current.Unreachable;
        if (fallsThrough)
        {
            _il.Op(OpCodes.Ldc_I4_0);
            _il.Op(OpCodes.Ret);
        }
        return fallsThrough;
    }
}
