namespace WasmCloud.Components.Wave;

/// <summary>
/// A function call written the way <c>wasmtime run --invoke</c> takes it: <c>name(args)</c> for a function
/// exported at the top level, or <c>ns:pkg/iface@version#name(args)</c> for one inside an exported interface.
/// </summary>
public sealed record WaveCall(string? Interface, string Function, string Arguments)
{
    public static WaveCall Parse(string text)
    {
        var open = text.IndexOf('(');
        var trimmed = text.TrimEnd();
        if (open <= 0 || !trimmed.EndsWith(')'))
            throw new WaveException("a call is written name(arguments), e.g. greet(\"world\") or ns:pkg/iface#greet(\"world\")", Math.Max(open, 0));
        var target = text[..open].Trim();
        var hash = target.LastIndexOf('#');
        var (@interface, function) = hash < 0 ? (null, target) : (target[..hash], target[(hash + 1)..]);
        if (function.Length == 0 || (hash >= 0 && @interface!.Length == 0)) throw new WaveException($"'{target}' does not name a function", 0);
        return new WaveCall(@interface, function, trimmed[(open + 1)..^1]);
    }

    public override string ToString() => $"{(Interface is null ? "" : Interface + "#")}{Function}({Arguments})";
}
