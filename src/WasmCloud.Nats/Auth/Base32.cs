namespace WasmCloud.Nats.Auth;

/// <summary>RFC 4648 base32 without padding, as NKeys and JWT ids use it.</summary>
internal static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var chars = new char[(data.Length * 8 + 4) / 5];
        int buffer = 0, bits = 0, at = 0;
        foreach (byte b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                chars[at++] = Alphabet[(buffer >> bits) & 31];
            }
        }
        if (bits > 0) chars[at++] = Alphabet[(buffer << (5 - bits)) & 31];
        return new string(chars, 0, at);
    }

    public static byte[] Decode(string text)
    {
        var bytes = new byte[text.Length * 5 / 8];
        int buffer = 0, bits = 0, at = 0;
        foreach (char c in text.TrimEnd('='))
        {
            int value = Alphabet.IndexOf(char.ToUpperInvariant(c));
            if (value < 0) throw new FormatException($"'{c}' is not a base32 character");
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes[at++] = (byte)(buffer >> bits);
            }
        }
        return bytes[..at];
    }
}
