using WasmCloud.Components.Types;

namespace WasmCloud.Wrpc.Encoding;

/// <summary>
/// The cases of the types encoded as a case index and a payload: variants, and options (none, some) and results
/// (ok, error), which are variants too. Read off the type as it is, so encoding a value allocates nothing for them.
/// </summary>
internal static class Cases
{
    public static int Count(ValType type) => type is VariantType variant ? variant.Cases.Length : 2;

    public static string Name(ValType type, int index) => type switch
    {
        VariantType variant => variant.Cases[index].Name,
        OptionType => index == 0 ? "none" : "some",
        _ => index == 0 ? "ok" : "error",
    };

    public static ValType? Payload(ValType type, int index) => type switch
    {
        VariantType variant => variant.Cases[index].Type,
        OptionType option => index == 0 ? null : option.Payload,
        ResultType result => index == 0 ? result.Ok : result.Error,
        _ => throw new ArgumentException($"{type} has no cases"),
    };

    public static int IndexOf(ValType type, string name)
    {
        for (int i = 0; i < Count(type); i++)
            if (Name(type, i) == name) return i;
        return -1;
    }

    public static string Names(ValType type) => string.Join(", ", Enumerable.Range(0, Count(type)).Select(i => Name(type, i)));
}
