using System.Runtime.Intrinsics;
using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm;

/// <summary>
/// A global variable. Scalar numeric values live in <see cref="Bits"/>, v128 values in <see cref="Vector"/>,
/// references in <see cref="Reference"/>.
/// </summary>
public sealed class Global : Extern
{
    // Read and written directly by compiled code.
    internal long Bits;
    internal Vector128<byte> Vector;
    internal object? Reference;

    public Global(GlobalType type, Value initial)
    {
        Type = type;
        Store(initial);
    }

    public override ExternKind Kind => ExternKind.Global;
    public GlobalType Type { get; }

    public Value Value
    {
        get => Type.ValueType == ValueType.V128 ? Value.V128(Vector) : Value.FromBits(Type.ValueType, Bits, Reference);
        set
        {
            if (!Type.Mutable) throw new WasmException("cannot set an immutable global");
            Store(value);
        }
    }

    private void Store(Value value)
    {
        if (value.Type != Type.ValueType) throw new WasmException($"global of type {Type.ValueType.Name()} cannot hold a {value.Type.Name()}");
        if (Type.ValueType.IsReference()) Reference = value.AsReference();
        else if (Type.ValueType == ValueType.V128) Vector = value.AsV128();
        else Bits = value.Bits;
    }
}
