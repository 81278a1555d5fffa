using WasmCloud.Components.Format;

namespace WasmCloud.Components.Types;

/// <summary>A component value type with every index resolved (the spec's <c>valtype</c> after validation).</summary>
public abstract record ValType
{
    public static ValType Of(PrimitiveType primitive) => Primitives[0x7f - (int)primitive];

    private static readonly PrimitiveValType[] Primitives =
        Enumerable.Range(0, 13).Select(i => new PrimitiveValType((PrimitiveType)(0x7f - i))).ToArray();
}

public sealed record PrimitiveValType(PrimitiveType Kind) : ValType
{
    public override string ToString() => Kind.ToString().ToLowerInvariant();
}

public sealed record Field(string Name, ValType Type);
public sealed record Case(string Name, ValType? Type);

public sealed record RecordType(Field[] Fields) : ValType;
public sealed record VariantType(Case[] Cases) : ValType;
public sealed record ListType(ValType Element) : ValType;
public sealed record TupleType(ValType[] Elements) : ValType;
public sealed record FlagsType(string[] Labels) : ValType;
public sealed record EnumType(string[] Labels) : ValType;
public sealed record OptionType(ValType Payload) : ValType;
public sealed record ResultType(ValType? Ok, ValType? Error) : ValType;

/// <summary>An owned or borrowed handle to a resource of type <see cref="Resource"/>.</summary>
public sealed record HandleType(bool IsOwn, ResourceIdentity Resource) : ValType;

/// <summary>A component function type: named parameters and at most one result.</summary>
public sealed record FuncType(Field[] Parameters, ValType? Result)
{
    public override string ToString() =>
        $"(func {string.Join(' ', Parameters.Select(p => $"(param \"{p.Name}\" {p.Type})"))}{(Result is null ? "" : $" (result {Result})")})";
}
