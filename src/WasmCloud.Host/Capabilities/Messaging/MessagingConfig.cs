using System.Text.Json;
using System.Text.Json.Serialization;

namespace WasmCloud.Host.Capabilities.Messaging;

/// <summary>
/// A messaging link's settings with upstream's keys: <c>subscriptions</c> (comma-separated subjects, each optionally
/// <c>subject|queue</c>), <c>consumers</c> (a JSON list of JetStream consumers, <c>{"stream", "consumer",
/// "max_messages", "max_bytes"}</c>, that must already exist) and the NATS server (<see cref="LinkNats"/>, with
/// <c>cluster_uris</c>). The provider's own config gives the defaults; a link's non-empty config overrides them key by
/// key, as upstream merges them. A bad value is a <see cref="FormatException"/> naming its key.
/// </summary>
internal sealed record MessagingConfig(IReadOnlyList<(string Subject, string? Queue)> Subscriptions, IReadOnlyList<MessagingConfig.Consumer> Consumers, LinkNats Nats)
{
    public sealed record Consumer(
        [property: JsonPropertyName("stream")] string Stream,
        [property: JsonPropertyName("consumer")] string Name,
        [property: JsonPropertyName("max_messages")] int? MaxMessages,
        [property: JsonPropertyName("max_bytes")] int? MaxBytes);

    /// <summary>Messaging names its servers' key in the plural, unlike key-value and blob storage.</summary>
    public const string ServerKey = "cluster_uris";

    public static IReadOnlyDictionary<string, string> Merge(IReadOnlyDictionary<string, string> defaults, IReadOnlyDictionary<string, string> link)
    {
        if (link.Count == 0) return defaults;
        var merged = new Dictionary<string, string>(defaults, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in link) merged[key] = value;
        return merged;
    }

    public static MessagingConfig Parse(IReadOnlyDictionary<string, string> config)
    {
        var subscriptions = (LinkConfig.Get(config, "subscriptions") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => entry.Split('|', 2, StringSplitOptions.TrimEntries) is [var subject, var queue] ? (subject, (string?)queue) : (entry, null))
            .ToList();
        var consumers = new List<Consumer>();
        if (LinkConfig.Get(config, "consumers") is { Length: > 0 } json)
        {
            try
            {
                consumers = JsonSerializer.Deserialize<List<Consumer>>(json) ?? [];
            }
            catch (JsonException e)
            {
                throw new FormatException($"`consumers` is not a JSON list of {{\"stream\", \"consumer\", \"max_messages\", \"max_bytes\"}}: {e.Message}");
            }
            if (consumers.FirstOrDefault(c => string.IsNullOrEmpty(c.Stream) || string.IsNullOrEmpty(c.Name)) is { } incomplete)
                throw new FormatException($"`consumers` has an entry without its \"stream\" or \"consumer\": {JsonSerializer.Serialize(incomplete)}");
        }
        return new MessagingConfig(subscriptions, consumers, LinkNats.From(config, ServerKey));
    }

    /// <summary>What identifies the link's subscriptions: the same settings mean the same subscriptions.</summary>
    public string Key => string.Join(';', Subscriptions.Select(s => $"{s.Subject}|{s.Queue}")) + "#" + JsonSerializer.Serialize(Consumers) + "#" + Nats.Key;
}
