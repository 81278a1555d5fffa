using System.Reflection.Emit;
using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm.Compilation;

/// <summary>
/// Where the locals of a split function live, so that all of its methods share them: numeric locals in
/// 16-byte slots of a buffer the function allocates on its stack, references in an object array (the GC must
/// see them). After the locals come transfer slots, through which a chunk hands over the values it branches
/// or returns with.
/// </summary>
internal sealed class SplitLayout
{
    private readonly int[] _slots;
    private readonly int _numericTransferBase;
    private readonly int _referenceTransferBase;

    public SplitLayout(ValueType[] locals, int transferCount)
    {
        _slots = new int[locals.Length];
        for (var i = 0; i < locals.Length; i++) _slots[i] = locals[i].IsReference() ? ReferenceCount++ : NumericCount++;
        _numericTransferBase = NumericCount;
        _referenceTransferBase = ReferenceCount;
        NumericCount += transferCount;
        ReferenceCount += transferCount;
    }

    /// <summary>Slots in the numeric buffer (16 bytes each) and in the reference array, transfer slots included.</summary>
    public int NumericCount { get; }
    public int ReferenceCount { get; }

    public int BufferBytes => NumericCount * 16;

    public int LocalSlot(int local) => _slots[local];
    public int TransferSlot(ValueType type, int position) => (type.IsReference() ? _referenceTransferBase : _numericTransferBase) + position;

    /// <summary>With the buffer pointer or reference array pushed by <paramref name="loadStorage"/>, loads a slot.</summary>
    public static void EmitLoad(CilWriter il, ValueType type, int slot, Action loadStorage)
    {
        loadStorage();
        il.LoadConstant(type.IsReference() ? slot : slot * 16);
        if (type.IsReference())
        {
            il.Op(OpCodes.Ldelem_Ref);
            return;
        }
        il.Op(OpCodes.Add);
        ClrTypes.EmitLoadIndirect(il, type);
    }

    /// <summary>Stores the value on top of the stack (held meanwhile in <paramref name="temporary"/>) into a slot.</summary>
    public static void EmitStore(CilWriter il, ValueType type, int slot, Action loadStorage, LocalBuilder temporary)
    {
        il.Op(OpCodes.Stloc, temporary);
        loadStorage();
        il.LoadConstant(type.IsReference() ? slot : slot * 16);
        if (!type.IsReference()) il.Op(OpCodes.Add);
        il.Op(OpCodes.Ldloc, temporary);
        if (type.IsReference()) il.Op(OpCodes.Stelem_Ref);
        else ClrTypes.EmitStoreIndirect(il, type);
    }

    /// <summary>The most values that can cross a chunk boundary at once: the longest parameter or result list.</summary>
    public static int TransferCountFor(ModuleDefinition module) =>
        Math.Max(1, module.Types.Select(t => Math.Max(t.Parameters.Length, t.Results.Length)).DefaultIfEmpty(0).Max());
}
