using System.Text;

namespace WasmCloud.Wasi.Preview2.Http;

/// <summary>
/// The host object behind wasi:http's <c>fields</c> (headers and trailers): an ordered list of name/value
/// pairs, names compared without case. Fields a message owns (its headers, received trailers) are immutable:
/// set, append and delete fail with <c>immutable</c>.
/// </summary>
internal sealed class Fields
{
    // Hop-by-hop and connection-level headers a guest may not set: the host's HTTP stacks own them.
    private static readonly HashSet<string> Forbidden = new(StringComparer.OrdinalIgnoreCase)
    {
        "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "http2-settings", "te",
    };

    private readonly List<(string Name, byte[] Value)> _entries = [];

    public bool Immutable { get; set; }

    public IReadOnlyList<(string Name, byte[] Value)> Entries => _entries;

    /// <summary>Fields the guest builds: each name and value is checked.</summary>
    public static Fields FromGuest(IEnumerable<(string Name, byte[] Value)> entries)
    {
        var fields = new Fields();
        foreach (var (name, value) in entries) fields.Append(name, value);
        return fields;
    }

    /// <summary>Fields the host received (already valid HTTP); the guest may only read them.</summary>
    public static Fields Received(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> headers)
    {
        var fields = new Fields();
        foreach (var (name, values) in headers)
            foreach (var value in values)
                fields._entries.Add((name.ToLowerInvariant(), Encoding.Latin1.GetBytes(value ?? "")));
        fields.Immutable = true;
        return fields;
    }

    /// <summary>Fields another host received and sent on (over wRPC): names as they came, lower-cased; the guest may only read them.</summary>
    public static Fields Received(IEnumerable<(string Name, byte[] Value)> entries)
    {
        var fields = new Fields();
        foreach (var (name, value) in entries) fields._entries.Add((name.ToLowerInvariant(), value));
        fields.Immutable = true;
        return fields;
    }

    public Fields Clone()
    {
        var copy = new Fields();
        copy._entries.AddRange(_entries);
        return copy;
    }

    public IEnumerable<byte[]> Get(string name) => _entries.Where(e => e.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(e => e.Value);

    public bool Has(string name) => _entries.Any(e => e.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public void Set(string name, IReadOnlyList<byte[]> values)
    {
        Check(name);
        foreach (var value in values) CheckValue(value);
        _entries.RemoveAll(e => e.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        foreach (var value in values) _entries.Add((name.ToLowerInvariant(), value));
    }

    public void Delete(string name)
    {
        Check(name);
        _entries.RemoveAll(e => e.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
    }

    public void Append(string name, byte[] value)
    {
        Check(name);
        CheckValue(value);
        _entries.Add((name.ToLowerInvariant(), value));
    }

    /// <summary>The pairs as .NET header strings (HTTP field values are Latin-1 octets).</summary>
    public IEnumerable<(string Name, string Value)> AsStrings() => _entries.Select(e => (e.Name, Encoding.Latin1.GetString(e.Value)));

    private void Check(string name)
    {
        if (!IsToken(name)) throw new HeaderException("invalid-syntax");
        if (Forbidden.Contains(name)) throw new HeaderException("forbidden");
        if (Immutable) throw new HeaderException("immutable");
    }

    // RFC 9110 field values: visible characters, spaces and tabs, never CR, LF or NUL.
    private static void CheckValue(byte[] value)
    {
        if (value.Any(b => b is (byte)'\r' or (byte)'\n' or 0)) throw new HeaderException("invalid-syntax");
    }

    // RFC 9110 token: the characters a field name may have.
    private static bool IsToken(string name) =>
        name.Length > 0 && name.All(c => c < 127 && (char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c)));
}

/// <summary>A fields operation refused: the case of wasi:http's <c>header-error</c>.</summary>
internal sealed class HeaderException(string code) : Exception(code)
{
    public string Code { get; } = code;
}
