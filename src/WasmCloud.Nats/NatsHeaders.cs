using System.Buffers;
using System.Buffers.Text;
using System.Collections;
using System.Text;
using WasmCloud.Nats.Protocol;

namespace WasmCloud.Nats;

/// <summary>
/// NATS message headers: an ordered multi-map with case-insensitive names, plus the status line
/// (<c>NATS/1.0 503</c>) the server uses to tell no-responders, flow control and heartbeats apart.
/// </summary>
public sealed class NatsHeaders : IEnumerable<KeyValuePair<string, string>>
{
    private static ReadOnlySpan<byte> Preamble => "NATS/1.0"u8;
    private readonly List<KeyValuePair<string, string>> _entries = [];

    /// <summary>Status code of the status line; 0 when the line carries none (a plain message).</summary>
    public int StatusCode { get; private set; }

    /// <summary>Text after the status code, e.g. "No Messages" or "Idle Heartbeat".</summary>
    public string? StatusDescription { get; private set; }

    public int Count => _entries.Count;

    /// <summary>First value of a header, or null.</summary>
    public string? this[string name]
    {
        get
        {
            foreach (var (key, value) in _entries)
                if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                    return value;
            return null;
        }
        set
        {
            Remove(name);
            if (value is not null) Add(name, value);
        }
    }

    public NatsHeaders Add(string name, string value)
    {
        if (name.Length == 0 || name.AsSpan().ContainsAny(": \t\r\n") || value.AsSpan().ContainsAny("\r\n"))
            throw new ArgumentException($"invalid header '{name}: {value}'");
        _entries.Add(new(name, value));
        return this;
    }

    public bool Remove(string name) => _entries.RemoveAll(e => string.Equals(e.Key, name, StringComparison.OrdinalIgnoreCase)) > 0;

    public IEnumerable<string> GetValues(string name) =>
        _entries.Where(e => string.Equals(e.Key, name, StringComparison.OrdinalIgnoreCase)).Select(e => e.Value);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _entries.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Bytes <see cref="WriteTo"/> produces, including the blank line that ends the block.</summary>
    internal int EncodedLength()
    {
        int length = Preamble.Length + 2 + 2;
        foreach (var (key, value) in _entries)
            length += Encoding.UTF8.GetByteCount(key) + 2 + Encoding.UTF8.GetByteCount(value) + 2;
        return length;
    }

    internal int WriteTo(Span<byte> destination)
    {
        Preamble.CopyTo(destination);
        int at = Preamble.Length;
        at += Wire.CrLf(destination[at..]);
        foreach (var (key, value) in _entries)
        {
            at += Encoding.UTF8.GetBytes(key, destination[at..]);
            destination[at++] = (byte)':';
            destination[at++] = (byte)' ';
            at += Encoding.UTF8.GetBytes(value, destination[at..]);
            at += Wire.CrLf(destination[at..]);
        }
        return at + Wire.CrLf(destination[at..]);
    }

    /// <summary>Parses the header block of an HMSG, status line first.</summary>
    internal static NatsHeaders Parse(ReadOnlySequence<byte> block)
    {
        var bytes = block.IsSingleSegment ? block.FirstSpan : block.ToArray();
        var headers = new NatsHeaders();
        int lineEnd = bytes.IndexOf("\r\n"u8);
        if (lineEnd < 0 || !bytes.StartsWith(Preamble))
            throw new NatsException("malformed message headers");
        headers.ParseStatus(bytes[Preamble.Length..lineEnd]);
        var rest = bytes[(lineEnd + 2)..];
        while ((lineEnd = rest.IndexOf("\r\n"u8)) > 0)
        {
            var line = rest[..lineEnd];
            int colon = line.IndexOf((byte)':');
            if (colon > 0)
                headers._entries.Add(new(Encoding.UTF8.GetString(line[..colon]), Encoding.UTF8.GetString(line[(colon + 1)..].Trim((byte)' '))));
            rest = rest[(lineEnd + 2)..];
        }
        return headers;
    }

    private void ParseStatus(ReadOnlySpan<byte> afterPreamble)
    {
        var status = afterPreamble.Trim((byte)' ');
        if (status.IsEmpty) return;
        int space = status.IndexOf((byte)' ');
        var code = space < 0 ? status : status[..space];
        if (Utf8Parser.TryParse(code, out int value, out _))
            StatusCode = value;
        if (space > 0)
            StatusDescription = Encoding.UTF8.GetString(status[(space + 1)..].Trim((byte)' '));
    }
}
