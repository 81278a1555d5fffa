using System.Security.Cryptography;

namespace WasmCloud.Nats;

/// <summary>
/// NATS unique identifiers: a random 12 character prefix and a 10 character sequence, both base62.
/// Unique enough for inboxes without asking the OS for randomness on every call.
/// </summary>
public static class Nuid
{
    private const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int PrefixLength = 12;
    private const int SequenceLength = 10;
    private const long MaxSequence = 839_299_365_868_340_224; // 62^10

    [ThreadStatic] private static char[]? s_prefix;
    [ThreadStatic] private static long s_sequence;
    [ThreadStatic] private static long s_increment;

    public static string Next()
    {
        if (s_prefix is null || (s_sequence += s_increment) >= MaxSequence)
            Reset();
        return string.Create(PrefixLength + SequenceLength, s_sequence, static (span, sequence) =>
        {
            s_prefix.AsSpan().CopyTo(span);
            for (int i = span.Length - 1; i >= PrefixLength; i--)
            {
                span[i] = Digits[(int)(sequence % 62)];
                sequence /= 62;
            }
        });
    }

    private static void Reset()
    {
        s_prefix ??= new char[PrefixLength];
        for (int i = 0; i < PrefixLength; i++)
            s_prefix[i] = Digits[RandomNumberGenerator.GetInt32(62)];
        s_sequence = RandomNumberGenerator.GetInt32(int.MaxValue) * 1000L;
        s_increment = 33 + RandomNumberGenerator.GetInt32(300);
    }
}
