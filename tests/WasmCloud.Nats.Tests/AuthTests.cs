using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using WasmCloud.Nats.Auth;

namespace WasmCloud.Nats.Tests;

/// <summary>Each method of authentication against a server configured for it, with right and wrong credentials.</summary>
public sealed class AuthTests
{
    private static async Task AssertWorksAsync(NatsConnection connection)
    {
        await using var subscription = await connection.SubscribeAsync("auth.check");
        await connection.PublishAsync("auth.check", "ok"u8.ToArray());
        Assert.Equal("ok"u8.ToArray(), (await subscription.NextAsync()).Data.ToArray());
    }

    private static Task<NatsConnection> ConnectAsync(NatsServerProcess server, NatsOptions options) =>
        NatsConnection.ConnectAsync(options with { Servers = [server.Url], AllowReconnect = false });

    [Fact]
    public async Task User_and_password()
    {
        await using var server = await NatsServerProcess.StartAsync(_ => "authorization { user: alice, password: s3cret }");
        await using (var connection = await ConnectAsync(server, new NatsOptions { User = "alice", Password = "s3cret" }))
            await AssertWorksAsync(connection);
        await Assert.ThrowsAsync<NatsAuthorizationException>(() => ConnectAsync(server, new NatsOptions { User = "alice", Password = "wrong" }));
        await Assert.ThrowsAsync<NatsAuthorizationException>(() => ConnectAsync(server, new NatsOptions()));
    }

    [Fact]
    public async Task Credentials_in_the_url()
    {
        await using var server = await NatsServerProcess.StartAsync(_ => "authorization { user: bob, password: pw }");
        await using var connection = await NatsConnection.ConnectAsync(new NatsOptions { Servers = [$"nats://bob:pw@127.0.0.1:{server.Port}"] });
        await AssertWorksAsync(connection);
    }

    [Fact]
    public async Task Token()
    {
        await using var server = await NatsServerProcess.StartAsync(_ => "authorization { token: t0k3n }");
        await using (var connection = await ConnectAsync(server, new NatsOptions { Token = "t0k3n" }))
            await AssertWorksAsync(connection);
        await Assert.ThrowsAsync<NatsAuthorizationException>(() => ConnectAsync(server, new NatsOptions { Token = "nope" }));
    }

    [Fact]
    public async Task NKey_signs_the_server_nonce()
    {
        var user = NKeyPair.Create(NKeyKind.User);
        await using var server = await NatsServerProcess.StartAsync(_ => $"authorization {{ users: [ {{ nkey: {user.PublicKey} }} ] }}");
        await using (var connection = await ConnectAsync(server, new NatsOptions { NKeySeed = user.Seed }))
            await AssertWorksAsync(connection);
        var stranger = NKeyPair.Create(NKeyKind.User);
        await Assert.ThrowsAsync<NatsAuthorizationException>(() => ConnectAsync(server, new NatsOptions { NKeySeed = stranger.Seed }));
    }

    [Fact]
    public async Task Jwt_and_seed_from_a_creds_file_in_operator_mode()
    {
        var operatorKey = NKeyPair.Create(NKeyKind.Operator);
        var account = NKeyPair.Create(NKeyKind.Account);
        var user = NKeyPair.Create(NKeyKind.User);
        var operatorJwt = NatsJwt.Issue(operatorKey, operatorKey.PublicKey, "test-operator", "operator");
        var accountJwt = NatsJwt.Issue(operatorKey, account.PublicKey, "test-account", "account", NatsJwt.UnlimitedAccount());
        var userJwt = NatsJwt.Issue(account, user.PublicKey, "test-user", "user", NatsJwt.UnlimitedUser());

        await using var server = await NatsServerProcess.StartAsync(_ => $"""
            operator: {operatorJwt}
            resolver: MEMORY
            resolver_preload: {"{"} {account.PublicKey}: {accountJwt} {"}"}
            """);
        var creds = Path.Combine(server.Directory, "user.creds");
        await File.WriteAllTextAsync(creds, new NatsCredentials(userJwt, user.Seed).Format());
        await using (var connection = await ConnectAsync(server, new NatsOptions { CredentialsFile = creds }))
            await AssertWorksAsync(connection);

        // A user signed by an account the operator never vouched for.
        var rogueAccount = NKeyPair.Create(NKeyKind.Account);
        var rogueCreds = Path.Combine(server.Directory, "rogue.creds");
        await File.WriteAllTextAsync(rogueCreds, new NatsCredentials(NatsJwt.Issue(rogueAccount, user.PublicKey, "rogue", "user", NatsJwt.UnlimitedUser()), user.Seed).Format());
        await Assert.ThrowsAsync<NatsAuthorizationException>(() => ConnectAsync(server, new NatsOptions { CredentialsFile = rogueCreds }));

        // The right JWT, but the nonce signed with somebody else's seed.
        var wrongSeed = Path.Combine(server.Directory, "wrong-seed.creds");
        await File.WriteAllTextAsync(wrongSeed, new NatsCredentials(userJwt, NKeyPair.Create(NKeyKind.User).Seed).Format());
        await Assert.ThrowsAsync<NatsAuthorizationException>(() => ConnectAsync(server, new NatsOptions { CredentialsFile = wrongSeed }));
    }

    [Fact]
    public async Task Tls_with_a_certificate_made_for_the_test()
    {
        var directory = Directory.CreateTempSubdirectory("nats-tls-").FullName;
        var cert = Path.Combine(directory, "cert.pem");
        var key = Path.Combine(directory, "key.pem");
        await RunOpenSslAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert);
        await using var server = await NatsServerProcess.StartAsync(_ => $"tls {{ cert_file: \"{cert}\", key_file: \"{key}\" }}");
        var tlsUrl = $"tls://127.0.0.1:{server.Port}";
        var roots = new X509Certificate2Collection(X509CertificateLoader.LoadCertificateFromFile(cert));

        await using (var connection = await NatsConnection.ConnectAsync(new NatsOptions { Servers = [tlsUrl], TlsRootCertificates = roots }))
            await AssertWorksAsync(connection);
        // Not trusting the self-signed certificate must fail the handshake.
        await Assert.ThrowsAsync<NatsException>(() => NatsConnection.ConnectAsync(new NatsOptions { Servers = [tlsUrl], AllowReconnect = false }));
        Directory.Delete(directory, recursive: true);
    }

    private static async Task RunOpenSslAsync(params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("openssl", arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"openssl failed: {await stderr}");
    }
}
