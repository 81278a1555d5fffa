namespace WasmCloud.Nats;

/// <summary>Checks subjects and queue groups before they reach the wire, where a bad one would kill the connection.</summary>
public static class NatsSubjects
{
    /// <summary>A subject to publish to: non-empty tokens separated by dots, no whitespace, no wildcards.</summary>
    public static void ValidatePublish(string subject)
    {
        Validate(subject, nameof(subject));
        if (subject.AsSpan().ContainsAny('*', '>'))
            throw new ArgumentException($"cannot publish to wildcard subject '{subject}'", nameof(subject));
    }

    /// <summary>A subject to subscribe to: like a publish subject, but '*' may stand for a token and '>' for the rest.</summary>
    public static void ValidateSubscribe(string subject)
    {
        Validate(subject, nameof(subject));
        var rest = subject.AsSpan();
        while (true)
        {
            int dot = rest.IndexOf('.');
            var token = dot < 0 ? rest : rest[..dot];
            if (token.Length > 1 && token.ContainsAny('*', '>'))
                throw new ArgumentException($"wildcard inside a token of '{subject}'", nameof(subject));
            if (token is ">" && dot >= 0)
                throw new ArgumentException($"'>' must be the last token of '{subject}'", nameof(subject));
            if (dot < 0) return;
            rest = rest[(dot + 1)..];
        }
    }

    public static void ValidateQueueGroup(string queueGroup)
    {
        if (queueGroup.Length == 0 || HasWhitespace(queueGroup))
            throw new ArgumentException($"invalid queue group '{queueGroup}'", nameof(queueGroup));
    }

    private static void Validate(string subject, string parameter)
    {
        ArgumentNullException.ThrowIfNull(subject, parameter);
        if (subject.Length == 0 || HasWhitespace(subject) || subject[0] == '.' || subject[^1] == '.' || subject.Contains("..", StringComparison.Ordinal))
            throw new ArgumentException($"invalid subject '{subject}'", parameter);
    }

    private static bool HasWhitespace(string s) => s.AsSpan().ContainsAny(" \t\r\n");
}
