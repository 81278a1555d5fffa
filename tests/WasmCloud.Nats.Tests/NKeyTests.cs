using WasmCloud.Nats.Auth;

namespace WasmCloud.Nats.Tests;

public sealed class NKeyTests
{
    [Fact]
    public void Seed_round_trips_and_keeps_kind_and_public_key()
    {
        foreach (var kind in Enum.GetValues<NKeyKind>())
        {
            var pair = NKeyPair.Create(kind);
            var again = NKeyPair.FromSeed(pair.Seed);
            Assert.Equal(kind, again.Kind);
            Assert.Equal(pair.PublicKey, again.PublicKey);
            Assert.Equal('S', pair.Seed[0]);
            Assert.Equal(pair.PublicKey[0], pair.Seed[1]);
        }
    }

    [Fact]
    public void Known_user_seed_gives_its_published_public_key()
    {
        // The seed/public key pair from the NATS documentation's NKey authentication example.
        var pair = NKeyPair.FromSeed("SUACSSL3UAHUDXKFSNVUZRF5UHPMWZ6BFDTJ7M6USDXIEDNPPQYYYCU3VY");
        Assert.Equal("UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4", pair.PublicKey);
    }

    [Fact]
    public void Signature_verifies_against_the_public_key_only()
    {
        var pair = NKeyPair.Create(NKeyKind.User);
        var signature = pair.Sign("nonce"u8);
        Assert.True(NKeyPair.Verify(pair.PublicKey, "nonce"u8, signature));
        Assert.False(NKeyPair.Verify(pair.PublicKey, "other"u8, signature));
        Assert.False(NKeyPair.Verify(NKeyPair.Create(NKeyKind.User).PublicKey, "nonce"u8, signature));
    }

    [Fact]
    public void Corrupted_seed_fails_its_checksum()
    {
        var seed = NKeyPair.Create(NKeyKind.User).Seed.ToCharArray();
        seed[10] = seed[10] == 'A' ? 'B' : 'A';
        Assert.Throws<FormatException>(() => NKeyPair.FromSeed(new string(seed)));
    }

    [Fact]
    public void Creds_file_text_round_trips()
    {
        var credentials = new NatsCredentials("header.payload.signature", NKeyPair.Create(NKeyKind.User).Seed);
        Assert.Equal(credentials, NatsCredentials.Parse(credentials.Format()));
    }
}
