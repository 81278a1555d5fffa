using System.Security.Cryptography;

namespace WasmCloud.Lattice.Events;

/// <summary>
/// A ULID (48 bits of Unix milliseconds, 80 random bits) written as a UUID, which is what upstream's events
/// carry as <c>id</c>: ids sort by the time they were made.
/// </summary>
public static class TimeOrderedId
{
    public static string NewUuid(DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[16];
        var millis = (ulong)now.ToUnixTimeMilliseconds();
        for (int i = 0; i < 6; i++) bytes[i] = (byte)(millis >> (8 * (5 - i)));
        RandomNumberGenerator.Fill(bytes[6..]);
        return Convert.ToHexStringLower(bytes).Insert(20, "-").Insert(16, "-").Insert(12, "-").Insert(8, "-");
    }

    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>The same kind of id in its own text form: 26 characters of Crockford base32 (what wadm gives a manifest without a version).</summary>
    public static string NewUlid(DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        var high = (UInt128)(ulong)now.ToUnixTimeMilliseconds() << 80;
        UInt128 low = 0;
        foreach (var b in random) low = (low << 8) | b;
        var value = high | low;
        Span<char> text = stackalloc char[26];
        for (int i = 25; i >= 0; i--)
        {
            text[i] = Crockford[(int)(value & 31)];
            value >>= 5;
        }
        return new string(text);
    }
}
