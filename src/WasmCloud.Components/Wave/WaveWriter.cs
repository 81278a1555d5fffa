using System.Globalization;
using System.Text;
using WasmCloud.Components.Format;
using WasmCloud.Components.Types;

namespace WasmCloud.Components.Wave;

/// <summary>Writes values as WAVE text, the form <see cref="WaveParser"/> reads back: options and results explicit.</summary>
public static class WaveWriter
{
    private static readonly HashSet<string> Keywords = ["true", "false", "inf", "nan", "some", "none", "ok", "err"];

    public static string Write(ComponentValue value, ValType type)
    {
        var text = new StringBuilder();
        Append(text, value, type);
        return text.ToString();
    }

    private static void Append(StringBuilder text, ComponentValue value, ValType type)
    {
        switch (value, type)
        {
            case (BoolValue b, _): text.Append(b.Value ? "true" : "false"); break;
            case (IntegerValue i, _):
                text.Append(i.Kind == PrimitiveType.U64 ? ((ulong)i.Bits).ToString(CultureInfo.InvariantCulture) : i.Bits.ToString(CultureInfo.InvariantCulture));
                break;
            case (F32Value f, _): text.Append(Float(f.Value, f.Value.ToString("R", CultureInfo.InvariantCulture))); break;
            case (F64Value f, _): text.Append(Float(f.Value, f.Value.ToString("R", CultureInfo.InvariantCulture))); break;
            case (CharValue c, _): Quote(text, new Rune(c.Scalar).ToString(), '\''); break;
            case (StringValue s, _): Quote(text, s.Value, '"'); break;
            case (ListValue l, ListType lt): Join(text, '[', ']', l.Elements.Select(e => (e, lt.Element))); break;
            case (TupleValue t, TupleType tt): Join(text, '(', ')', t.Elements.Zip(tt.Elements)); break;
            case (RecordValue r, RecordType rt):
                if (r.Fields.Count == 0)
                {
                    text.Append("{:}");
                    break;
                }
                text.Append('{');
                for (var i = 0; i < r.Fields.Count; i++)
                {
                    if (i > 0) text.Append(", ");
                    text.Append(Label(r.Fields[i].Name)).Append(": ");
                    Append(text, r.Fields[i].Value, rt.Fields.First(f => f.Name == r.Fields[i].Name).Type);
                }
                text.Append('}');
                break;
            case (FlagsValue f, _): text.Append('{').AppendJoin(", ", f.Set.Select(Label)).Append('}'); break;
            case (EnumValue e, _): text.Append(Label(e.Case)); break;
            case (VariantValue v, OptionType o): Case(text, v.Case, v.Payload, o.Payload); break;
            case (VariantValue v, ResultType r):
                Case(text, v.Case == "ok" ? "ok" : "err", v.Payload, v.Case == "ok" ? r.Ok : r.Error);
                break;
            case (VariantValue v, VariantType vt): Case(text, Label(v.Case), v.Payload, vt.Cases.First(c => c.Name == v.Case).Type); break;
            default: throw new ComponentException($"{value} cannot be written in WAVE as {type}");
        }
    }

    private static string Float(double value, string shortest) =>
        double.IsNaN(value) ? "nan" : double.IsPositiveInfinity(value) ? "inf" : double.IsNegativeInfinity(value) ? "-inf" : shortest;

    private static void Case(StringBuilder text, string name, ComponentValue? payload, ValType? payloadType)
    {
        text.Append(name);
        if (payload is null) return;
        text.Append('(');
        Append(text, payload, payloadType!);
        text.Append(')');
    }

    private static void Join(StringBuilder text, char open, char close, IEnumerable<(ComponentValue Value, ValType Type)> elements)
    {
        text.Append(open);
        var first = true;
        foreach (var (value, type) in elements)
        {
            if (!first) text.Append(", ");
            first = false;
            Append(text, value, type);
        }
        text.Append(close);
    }

    private static string Label(string name) => Keywords.Contains(name) ? "%" + name : name;

    private static void Quote(StringBuilder text, string value, char delimiter)
    {
        text.Append(delimiter);
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '\\': text.Append(@"\\"); break;
                case '\n': text.Append(@"\n"); break;
                case '\r': text.Append(@"\r"); break;
                case '\t': text.Append(@"\t"); break;
                case var c when c == delimiter: text.Append('\\').Append(delimiter); break;
                case < 0x20 or 0x7f: text.Append($"\\u{{{rune.Value:x}}}"); break;
                default: text.Append(rune.ToString()); break;
            }
        }
        text.Append(delimiter);
    }
}
