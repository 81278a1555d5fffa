using System.Buffers.Binary;
using System.Security.Cryptography;

namespace WasmCloud.Nats.Auth;

/// <summary>What an NKey identifies; the value is the prefix byte that gives its text form its first letter.</summary>
public enum NKeyKind : byte
{
    Account = 0,        // A
    Cluster = 2 << 3,   // C
    Server = 13 << 3,   // N
    Operator = 14 << 3, // O
    User = 20 << 3,     // U
}

/// <summary>
/// An Ed25519 key pair in the NKeys encoding: base32 of prefix byte(s), key material and a little-endian CRC-16.
/// Seeds carry two prefix bytes: the seed marker 'S' folded together with the kind of the public key.
/// </summary>
public sealed class NKeyPair
{
    private const byte SeedPrefix = 18 << 3; // S

    private readonly byte[] _seed;

    private NKeyPair(NKeyKind kind, byte[] seed)
    {
        Kind = kind;
        _seed = seed;
        PublicKey = Encode([(byte)kind], Ed25519.PublicKeyFromSeed(seed));
    }

    public NKeyKind Kind { get; }

    /// <summary>The public key, e.g. <c>UD...</c> for a user.</summary>
    public string PublicKey { get; }

    /// <summary>The seed, e.g. <c>SU...</c> for a user; a secret.</summary>
    public string Seed => Encode([(byte)(SeedPrefix | ((byte)Kind >> 5)), (byte)(((byte)Kind & 31) << 3)], _seed);

    public static NKeyPair Create(NKeyKind kind) => new(kind, RandomNumberGenerator.GetBytes(Ed25519.SeedSize));

    public static NKeyPair FromSeed(string seed)
    {
        var raw = DecodeChecked(seed.Trim());
        if (raw.Length != 2 + Ed25519.SeedSize || (raw[0] & 0xf8) != SeedPrefix)
            throw new FormatException("not an NKey seed");
        var kind = (NKeyKind)(((raw[0] & 7) << 5) | ((raw[1] & 0xf8) >> 3));
        if (!Enum.IsDefined(kind)) throw new FormatException($"unknown NKey seed kind {(byte)kind}");
        return new NKeyPair(kind, raw[2..]);
    }

    public byte[] Sign(ReadOnlySpan<byte> message) => Ed25519.Sign(_seed, message);

    /// <summary>Checks a signature against a public key in text form.</summary>
    public static bool Verify(string publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        var raw = DecodeChecked(publicKey);
        return raw.Length == 1 + Ed25519.PublicKeySize && Ed25519.Verify(raw.AsSpan(1), message, signature);
    }

    private static string Encode(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> key)
    {
        Span<byte> raw = stackalloc byte[prefix.Length + key.Length + 2];
        prefix.CopyTo(raw);
        key.CopyTo(raw[prefix.Length..]);
        BinaryPrimitives.WriteUInt16LittleEndian(raw[^2..], Crc16.Compute(raw[..^2]));
        return Base32.Encode(raw);
    }

    private static byte[] DecodeChecked(string text)
    {
        var raw = Base32.Decode(text);
        if (raw.Length < 3 || Crc16.Compute(raw.AsSpan(0, raw.Length - 2)) != BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(raw.Length - 2)))
            throw new FormatException("NKey checksum does not match");
        return raw[..^2];
    }
}
