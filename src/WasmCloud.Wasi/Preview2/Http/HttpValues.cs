using WasmCloud.Components;
using WasmCloud.Components.Types;

namespace WasmCloud.Wasi.Preview2.Http;

/// <summary>wasi:http's small value types (method, scheme, field lists) and their conversions.</summary>
internal static class HttpValues
{
    private static readonly string[] Methods = ["get", "head", "post", "put", "delete", "connect", "options", "trace", "patch"];

    public static readonly ValType Method = Wit.Variant([.. Methods.Select(m => (m, (ValType?)null)), ("other", Wit.String)]);
    public static readonly ValType Scheme = Wit.Variant(("HTTP", null), ("HTTPS", null), ("other", Wit.String));
    public static readonly ValType HeaderError = Wit.Variant(("invalid-syntax", null), ("forbidden", null), ("immutable", null));
    public static readonly ValType U16 = ValType.Of(Components.Format.PrimitiveType.U16);
    public static readonly ValType Entries = Wit.List(Wit.Tuple(Wit.String, Wit.Bytes));

    /// <summary>An HTTP method as .NET spells it ("GET") to the WIT variant, whose known cases are lower-case.</summary>
    public static ComponentValue FromMethod(string method) =>
        Methods.Contains(method.ToLowerInvariant()) ? new VariantValue(method.ToLowerInvariant(), null) : new VariantValue("other", ComponentValue.String(method));

    public static string ToMethod(ComponentValue value) => Val.ToVariant(value) switch
    {
        ("other", { } name) => Val.ToText(name),
        var (known, _) => known.ToUpperInvariant(),
    };

    public static ComponentValue FromScheme(string scheme) => scheme.ToLowerInvariant() switch
    {
        "http" => new VariantValue("HTTP", null),
        "https" => new VariantValue("HTTPS", null),
        _ => new VariantValue("other", ComponentValue.String(scheme)),
    };

    public static string ToScheme(ComponentValue value) => Val.ToVariant(value) switch
    {
        ("other", { } name) => Val.ToText(name),
        var (known, _) => known.ToLowerInvariant(),
    };

    public static ComponentValue OptionalText(string? text) => text is null ? Val.None : Val.Some(ComponentValue.String(text));

    public static string? ToOptionalText(ComponentValue option) => Val.ToVariant(option).Payload is { } text ? Val.ToText(text) : null;

    public static ComponentValue FromEntries(IEnumerable<(string Name, byte[] Value)> entries) =>
        new ListValue([.. entries.Select(e => (ComponentValue)new TupleValue([ComponentValue.String(e.Name), Val.Bytes(e.Value)]))]);

    public static IEnumerable<(string Name, byte[] Value)> ToEntries(ComponentValue list) =>
        Val.ToList(list).Select(t => ((TupleValue)t).Elements).Select(e => (Val.ToText(e[0]), Val.ToBytes(e[1])));
}
