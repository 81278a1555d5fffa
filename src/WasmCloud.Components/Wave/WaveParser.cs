using System.Globalization;
using System.Text;
using WasmCloud.Components.Format;
using WasmCloud.Components.Types;

namespace WasmCloud.Components.Wave;

/// <summary>
/// Reads WAVE text (the WebAssembly Value Encoding of wasm-wave and wasmtime) as a value of a given type. The
/// type decides what the text means: <c>{}</c> is empty flags, <c>{:}</c> an empty record; an option or result
/// may be written flat (<c>5</c> for <c>some(5)</c> or <c>ok(5)</c>); record fields of option type may be left out.
/// </summary>
public sealed class WaveParser
{
    private readonly WaveLexer _lexer;
    private WaveToken _token;

    private WaveParser(string text)
    {
        _lexer = new WaveLexer(text);
        _token = _lexer.Next();
    }

    public static ComponentValue Parse(string text, ValType type)
    {
        var parser = new WaveParser(text);
        var value = parser.Value(type);
        parser.ExpectEnd();
        return value;
    }

    /// <summary>Reads a comma-separated argument list (without its parentheses) for the given parameters.</summary>
    public static IReadOnlyList<ComponentValue> ParseArguments(string text, IReadOnlyList<Field> parameters)
    {
        var parser = new WaveParser(text);
        var values = new List<ComponentValue>();
        foreach (var parameter in parameters)
        {
            if (parser._token.Kind == WaveTokenKind.End)
                throw new WaveException($"missing argument '{parameter.Name}' ({parameters.Count} expected)", parser._token.Position);
            if (values.Count > 0) parser.Expect(',');
            values.Add(parser.Value(parameter.Type));
        }
        if (values.Count > 0 && parser._token.Is(',')) parser.Advance();
        if (parser._token.Kind != WaveTokenKind.End)
            throw new WaveException($"too many arguments: {parameters.Count} expected, found {parser._token}", parser._token.Position);
        return values;
    }

    private WaveToken Advance()
    {
        var token = _token;
        _token = _lexer.Next();
        return token;
    }

    private void Expect(char punctuation)
    {
        if (!_token.Is(punctuation)) throw Error($"expected '{punctuation}'");
        Advance();
    }

    private void ExpectEnd()
    {
        if (_token.Kind != WaveTokenKind.End) throw Error("expected the end of the value");
    }

    private WaveException Error(string message) => new($"{message}, found {_token}", _token.Position);

    private ComponentValue Value(ValType type) => type switch
    {
        PrimitiveValType primitive => Primitive(primitive.Kind),
        ListType list => new ListValue(Sequence('[', ']', () => Value(list.Element))),
        TupleType tuple => Tuple(tuple),
        RecordType record => Record(record),
        FlagsType flags => Flags(flags),
        EnumType enumeration => new EnumValue(Case(enumeration.Labels, "enum")),
        VariantType variant => Variant(variant),
        OptionType option => Option(option),
        ResultType result => Result(result),
        _ => throw Error($"values of type {type} cannot be written in WAVE"),
    };

    private List<ComponentValue> Sequence(char open, char close, Func<ComponentValue> element)
    {
        Expect(open);
        var values = new List<ComponentValue>();
        while (!_token.Is(close))
        {
            values.Add(element());
            if (!_token.Is(',')) break;
            Advance();
        }
        Expect(close);
        return values;
    }

    private ComponentValue Tuple(TupleType tuple)
    {
        var position = _token.Position;
        var index = 0;
        var values = Sequence('(', ')', () => index < tuple.Elements.Length
            ? Value(tuple.Elements[index++])
            : throw Error($"a tuple of {tuple.Elements.Length} elements has no more"));
        if (values.Count != tuple.Elements.Length) throw new WaveException($"a tuple of {tuple.Elements.Length} elements was given {values.Count}", position);
        return new TupleValue(values);
    }

    private ComponentValue Record(RecordType record)
    {
        var start = _token.Position;
        Expect('{');
        var given = new Dictionary<string, ComponentValue>();
        if (_token.Is(':')) Advance();
        else
        {
            while (!_token.Is('}'))
            {
                var label = Advance();
                if (label.Kind is not (WaveTokenKind.Label or WaveTokenKind.Keyword)) throw new WaveException($"expected a field name, found {label}", label.Position);
                var field = record.Fields.FirstOrDefault(f => f.Name == label.Text)
                    ?? throw new WaveException($"the record has no field '{label.Text}'", label.Position);
                if (given.ContainsKey(field.Name)) throw new WaveException($"field '{field.Name}' is given twice", label.Position);
                Expect(':');
                given[field.Name] = Value(field.Type);
                if (!_token.Is(',')) break;
                Advance();
            }
        }
        Expect('}');
        var fields = new List<(string, ComponentValue)>();
        foreach (var field in record.Fields)
        {
            if (given.TryGetValue(field.Name, out var value)) fields.Add((field.Name, value));
            else if (field.Type is OptionType) fields.Add((field.Name, new VariantValue("none", null)));
            else throw new WaveException($"field '{field.Name}' is missing", start);
        }
        return new RecordValue(fields);
    }

    private ComponentValue Flags(FlagsType flags)
    {
        Expect('{');
        var set = new List<string>();
        while (!_token.Is('}'))
        {
            var label = Case(flags.Labels, "flag");
            if (set.Contains(label)) throw Error($"flag '{label}' is given twice");
            set.Add(label);
            if (!_token.Is(',')) break;
            Advance();
        }
        Expect('}');
        return new FlagsValue(flags.Labels.Where(set.Contains).ToList());
    }

    /// <summary>A label that must be one of <paramref name="labels"/>; keywords only with their % prefix.</summary>
    private string Case(string[] labels, string what)
    {
        if (_token.Kind != WaveTokenKind.Label) throw Error($"expected a {what} name");
        var label = Advance();
        var article = "aeiou".Contains(what[0]) ? "an" : "a";
        return labels.Contains(label.Text) ? label.Text : throw new WaveException($"'{label.Text}' is not {article} {what} of this type ({string.Join(", ", labels)})", label.Position);
    }

    private ComponentValue Variant(VariantType variant)
    {
        var position = _token.Position;
        var name = Case(variant.Cases.Select(c => c.Name).ToArray(), "case");
        var payloadType = variant.Cases.First(c => c.Name == name).Type;
        return new VariantValue(name, Payload(payloadType, name, position));
    }

    /// <summary>A parenthesised payload when the case has one, nothing when it has none.</summary>
    private ComponentValue? Payload(ValType? type, string name, int position)
    {
        if (type is null)
        {
            if (_token.Is('(')) throw Error($"'{name}' has no payload");
            return null;
        }
        if (!_token.Is('(')) throw new WaveException($"'{name}' needs a payload in parentheses", position);
        Advance();
        var payload = Value(type);
        Expect(')');
        return payload;
    }

    private ComponentValue Option(OptionType option)
    {
        if (_token.IsKeyword("none"))
        {
            Advance();
            return new VariantValue("none", null);
        }
        if (_token.IsKeyword("some"))
        {
            var position = Advance().Position;
            return new VariantValue("some", Payload(option.Payload, "some", position));
        }
        // Flat: a bare value stands for some(value) — not for nested options, where it would be ambiguous.
        if (option.Payload is OptionType) throw Error("a nested option must be written with some(...) or none");
        return new VariantValue("some", Value(option.Payload));
    }

    private ComponentValue Result(ResultType result)
    {
        if (_token.IsKeyword("ok") || _token.IsKeyword("err"))
        {
            var keyword = Advance();
            var isOk = keyword.Text == "ok";
            return new VariantValue(isOk ? "ok" : "error", Payload(isOk ? result.Ok : result.Error, keyword.Text, keyword.Position));
        }
        if (result.Ok is null or ResultType) throw Error("expected ok or err");
        return new VariantValue("ok", Value(result.Ok));
    }

    private ComponentValue Primitive(PrimitiveType kind)
    {
        var token = _token;
        switch (kind)
        {
            case PrimitiveType.Bool:
                if (!token.IsKeyword("true") && !token.IsKeyword("false")) throw Error("expected true or false");
                Advance();
                return ComponentValue.Bool(token.Text == "true");
            case PrimitiveType.Char:
                if (token.Kind != WaveTokenKind.Char) throw Error("expected a char like 'x'");
                Advance();
                return ComponentValue.Char(Rune.GetRuneAt(token.Text, 0).Value);
            case PrimitiveType.String:
                if (token.Kind != WaveTokenKind.String) throw Error("expected a string like \"text\"");
                Advance();
                return ComponentValue.String(token.Text);
            case PrimitiveType.F32 or PrimitiveType.F64:
                Advance();
                return kind == PrimitiveType.F32 ? ComponentValue.F32((float)Float(token)) : ComponentValue.F64(Float(token));
            default:
                Advance();
                return Integer(token, kind);
        }
    }

    private static double Float(WaveToken token) => token switch
    {
        { Kind: WaveTokenKind.Keyword, Text: "nan" } => double.NaN,
        { Kind: WaveTokenKind.Keyword, Text: "inf" } => double.PositiveInfinity,
        { Kind: WaveTokenKind.Keyword, Text: "-inf" } => double.NegativeInfinity,
        { Kind: WaveTokenKind.Number } when double.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) => value,
        _ => throw new WaveException($"expected a number, found {token}", token.Position),
    };

    private static ComponentValue Integer(WaveToken token, PrimitiveType kind)
    {
        (Int128 Minimum, Int128 Maximum) range = kind switch
        {
            PrimitiveType.S8 => (sbyte.MinValue, sbyte.MaxValue),
            PrimitiveType.U8 => (0, byte.MaxValue),
            PrimitiveType.S16 => (short.MinValue, short.MaxValue),
            PrimitiveType.U16 => (0, ushort.MaxValue),
            PrimitiveType.S32 => (int.MinValue, int.MaxValue),
            PrimitiveType.U32 => (0, uint.MaxValue),
            PrimitiveType.S64 => (long.MinValue, long.MaxValue),
            _ => (0, ulong.MaxValue),
        };
        var (minimum, maximum) = range;
        if (token.Kind != WaveTokenKind.Number || !Int128.TryParse(token.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw new WaveException($"expected an integer, found {token}", token.Position);
        if (value < minimum || value > maximum)
            throw new WaveException($"{token.Text} is out of range for {kind.ToString().ToLowerInvariant()} ({minimum} to {maximum})", token.Position);
        return new IntegerValue(kind, unchecked((long)(ulong)(value & ulong.MaxValue)));
    }
}
