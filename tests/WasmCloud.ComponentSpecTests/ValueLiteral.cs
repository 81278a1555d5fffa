using System.Globalization;
using WasmCloud.Components;

namespace WasmCloud.ComponentSpecTests;

/// <summary>The value literals of component-model scripts (<c>(u32.const 1)</c>, <c>(str.const "a")</c>, …) as <see cref="ComponentValue"/>s.</summary>
public static class ValueLiteral
{
    public static ComponentValue Parse(SExpression expression)
    {
        if (expression is not SList list || list.Head is not { } head) throw new FormatException($"not a value literal: {expression}");
        var args = list.Items.Skip(1).ToList();
        return head switch
        {
            "bool.const" => ComponentValue.Bool(Atom(args[0]) == "true"),
            "s8.const" => ComponentValue.S8((sbyte)Integer(args[0])),
            "u8.const" => ComponentValue.U8((byte)Integer(args[0])),
            "s16.const" => ComponentValue.S16((short)Integer(args[0])),
            "u16.const" => ComponentValue.U16((ushort)Integer(args[0])),
            "s32.const" => ComponentValue.S32((int)Integer(args[0])),
            "u32.const" => ComponentValue.U32((uint)Integer(args[0])),
            "s64.const" => ComponentValue.S64((long)Integer(args[0])),
            "u64.const" => ComponentValue.U64((ulong)Integer(args[0])),
            "f32.const" => ComponentValue.F32((float)Float(Atom(args[0]))),
            "f64.const" => ComponentValue.F64(Float(Atom(args[0]))),
            "char.const" => ComponentValue.Char(char.ConvertToUtf32(Text(args[0]), 0)),
            "str.const" => ComponentValue.String(Text(args[0])),
            "list.const" => new ListValue(args.Select(Parse).ToList()),
            "tuple.const" => new TupleValue(args.Select(Parse).ToList()),
            "record.const" => new RecordValue(args.Cast<SList>().Select(f => (Text(f.Items[1]), FieldValue(f))).ToList()),
            "variant.const" => new VariantValue(Text(args[0]), args.Count > 1 ? Parse(args[1]) : null),
            "enum.const" => new EnumValue(Text(args[0])),
            "flags.const" => new FlagsValue(args.Select(Text).ToList()),
            "option.none" => new VariantValue("none", null),
            "option.some" => new VariantValue("some", Parse(args[0])),
            "result.ok" => new VariantValue("ok", args.Count > 0 ? Parse(args[0]) : null),
            "result.err" => new VariantValue("error", args.Count > 0 ? Parse(args[0]) : null),
            _ => throw new FormatException($"unknown value literal `{head}`"),
        };
    }

    /// <summary>A field's value: <c>(field "n" (u32.const 1))</c>, or unparenthesised as <c>(field "n" u32.const 1)</c>.</summary>
    private static ComponentValue FieldValue(SList field) =>
        Parse(field.Items.Count == 3 ? field.Items[2] : new SList(field.Items.Skip(2).ToList()));

    private static string Atom(SExpression e) => ((SAtom)e).Text;
    private static string Text(SExpression e) => ((SString)e).Value;

    private static Int128 Integer(SExpression e)
    {
        var text = Atom(e).Replace("_", "");
        var negative = text.StartsWith('-');
        text = text.TrimStart('-', '+');
        var value = text.StartsWith("0x") ? Int128.Parse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) : Int128.Parse(text, CultureInfo.InvariantCulture);
        return negative ? -value : value;
    }

    private static double Float(string text) => text switch
    {
        _ when text.TrimStart('-', '+').StartsWith("nan") => double.NaN,
        "inf" or "+inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(text.Replace("_", ""), CultureInfo.InvariantCulture),
    };
}
