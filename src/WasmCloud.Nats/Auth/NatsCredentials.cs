namespace WasmCloud.Nats.Auth;

/// <summary>A user JWT and its NKey seed, as found in a <c>.creds</c> file.</summary>
public sealed record NatsCredentials(string Jwt, string Seed)
{
    /// <summary>
    /// Reads the two armoured blocks of a creds file: the first line after each <c>-----BEGIN ...</c>
    /// marker that is not itself a marker. The JWT block comes first, the seed block second.
    /// </summary>
    public static NatsCredentials Parse(string text)
    {
        var blocks = new List<string>(2);
        var lines = text.Split('\n', StringSplitOptions.TrimEntries);
        for (int i = 0; i < lines.Length && blocks.Count < 2; i++)
        {
            if (!lines[i].StartsWith("-----BEGIN", StringComparison.Ordinal)) continue;
            var body = lines.Skip(i + 1).FirstOrDefault(l => l.Length > 0);
            if (body is null || body.StartsWith("---", StringComparison.Ordinal))
                throw new FormatException("empty block in credentials file");
            blocks.Add(body);
        }
        return blocks.Count == 2 ? new NatsCredentials(blocks[0], blocks[1]) : throw new FormatException("credentials file needs a JWT block and a seed block");
    }

    public static NatsCredentials Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>The text of a creds file, as <c>nsc</c> writes it.</summary>
    public string Format() =>
        $"""
        -----BEGIN NATS USER JWT-----
        {Jwt}
        ------END NATS USER JWT------

        ************************* IMPORTANT *************************
        NKEY Seed printed below can be used to sign and prove identity.
        NKEYs are sensitive and should be treated as secrets.

        -----BEGIN USER NKEY SEED-----
        {Seed}
        ------END USER NKEY SEED------

        """;
}
