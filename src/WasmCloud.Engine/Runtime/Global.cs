using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm;

/// <summary>A global variable. Numeric values live in <see cref="Bits"/>, references in <see cref="Reference"/>.</summary>
public sealed class Global : Extern
{
    // Read and written directly by compiled code.
    internal long Bits;
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
        get => Value.FromBits(Type.ValueType, Bits, Reference);
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
        else Bits = value.Bits;
    }
}
