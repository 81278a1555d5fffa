namespace WasmCloud.Wasm.Format;

/// <summary>A function signature. Equality is structural, as the spec's type matching requires.</summary>
public sealed class FuncType : IEquatable<FuncType>
{
    public static readonly FuncType Empty = new([], []);

    public FuncType(ValueType[] parameters, ValueType[] results)
    {
        Parameters = parameters;
        Results = results;
    }

    public ValueType[] Parameters { get; }
    public ValueType[] Results { get; }

    public bool Equals(FuncType? other) =>
        other is not null && Parameters.AsSpan().SequenceEqual(other.Parameters) && Results.AsSpan().SequenceEqual(other.Results);

    public override bool Equals(object? obj) => obj is FuncType other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var p in Parameters) hash.Add(p);
        hash.Add(0xFF);
        foreach (var r in Results) hash.Add(r);
        return hash.ToHashCode();
    }

    public override string ToString() =>
        $"[{string.Join(' ', Parameters.Select(p => p.Name()))}] -> [{string.Join(' ', Results.Select(r => r.Name()))}]";
}
