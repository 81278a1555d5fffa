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
}
