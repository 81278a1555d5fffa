namespace WasmCloud.Wash;

/// <summary>Reads <c>KEY=VALUE</c> arguments (a value may itself contain <c>=</c>).</summary>
internal static class KeyValues
{
    public static Dictionary<string, string> Parse(IEnumerable<string> pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0) throw new WashException($"`{pair}` is not KEY=VALUE");
            map[pair[..equals]] = pair[(equals + 1)..];
        }
        return map;
    }
}
