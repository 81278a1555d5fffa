using System.Runtime.InteropServices;

namespace WasmCloud.Nats.Auth;

/// <summary>
/// Ed25519 through OpenSSL's libcrypto, which .NET already depends on for TLS on Linux.
/// .NET has no Ed25519 of its own and NKeys need nothing else.
/// </summary>
internal static unsafe partial class Ed25519
{
    public const int SeedSize = 32;
    public const int PublicKeySize = 32;
    public const int SignatureSize = 64;

    private const string LibCrypto = "libcrypto.so.3";
    private const int EvpPkeyEd25519 = 1087; // NID_ED25519

    public static byte[] PublicKeyFromSeed(ReadOnlySpan<byte> seed)
    {
        var key = NewPrivateKey(seed);
        try
        {
            var publicKey = new byte[PublicKeySize];
            nuint length = PublicKeySize;
            fixed (byte* p = publicKey)
                Check(EVP_PKEY_get_raw_public_key(key, p, &length), "EVP_PKEY_get_raw_public_key");
            return publicKey;
        }
        finally
        {
            EVP_PKEY_free(key);
        }
    }

    public static byte[] Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> message)
    {
        var key = NewPrivateKey(seed);
        var context = EVP_MD_CTX_new();
        try
        {
            Check(EVP_DigestSignInit(context, 0, 0, 0, key), "EVP_DigestSignInit");
            var signature = new byte[SignatureSize];
            nuint length = SignatureSize;
            fixed (byte* s = signature)
            fixed (byte* m = message)
                Check(EVP_DigestSign(context, s, &length, m, (nuint)message.Length), "EVP_DigestSign");
            return signature;
        }
        finally
        {
            EVP_MD_CTX_free(context);
            EVP_PKEY_free(key);
        }
    }

    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        nint key;
        fixed (byte* p = publicKey)
            key = EVP_PKEY_new_raw_public_key(EvpPkeyEd25519, 0, p, (nuint)publicKey.Length);
        if (key == 0) return false;
        var context = EVP_MD_CTX_new();
        try
        {
            Check(EVP_DigestVerifyInit(context, 0, 0, 0, key), "EVP_DigestVerifyInit");
            fixed (byte* s = signature)
            fixed (byte* m = message)
                return EVP_DigestVerify(context, s, (nuint)signature.Length, m, (nuint)message.Length) == 1;
        }
        finally
        {
            EVP_MD_CTX_free(context);
            EVP_PKEY_free(key);
        }
    }

    private static nint NewPrivateKey(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedSize) throw new ArgumentException("an Ed25519 seed has 32 bytes", nameof(seed));
        fixed (byte* s = seed)
        {
            var key = EVP_PKEY_new_raw_private_key(EvpPkeyEd25519, 0, s, SeedSize);
            return key != 0 ? key : throw new NatsException("OpenSSL rejected the Ed25519 seed");
        }
    }

    private static void Check(int result, string function)
    {
        if (result != 1) throw new NatsException($"OpenSSL {function} failed");
    }

    [LibraryImport(LibCrypto)] private static partial nint EVP_PKEY_new_raw_private_key(int type, nint engine, byte* key, nuint length);
    [LibraryImport(LibCrypto)] private static partial nint EVP_PKEY_new_raw_public_key(int type, nint engine, byte* key, nuint length);
    [LibraryImport(LibCrypto)] private static partial int EVP_PKEY_get_raw_public_key(nint key, byte* publicKey, nuint* length);
    [LibraryImport(LibCrypto)] private static partial void EVP_PKEY_free(nint key);
    [LibraryImport(LibCrypto)] private static partial nint EVP_MD_CTX_new();
    [LibraryImport(LibCrypto)] private static partial void EVP_MD_CTX_free(nint context);
    [LibraryImport(LibCrypto)] private static partial int EVP_DigestSignInit(nint context, nint keyContext, nint digest, nint engine, nint key);
    [LibraryImport(LibCrypto)] private static partial int EVP_DigestSign(nint context, byte* signature, nuint* signatureLength, byte* message, nuint messageLength);
    [LibraryImport(LibCrypto)] private static partial int EVP_DigestVerifyInit(nint context, nint keyContext, nint digest, nint engine, nint key);
    [LibraryImport(LibCrypto)] private static partial int EVP_DigestVerify(nint context, byte* signature, nuint signatureLength, byte* message, nuint messageLength);
}
