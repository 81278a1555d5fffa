using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace WasmCloud.Nats.JetStream;

/// <summary>
/// The JetStream calls wasmCloud needs, as requests to the <c>$JS.API</c> subjects of the connected account:
/// stream and consumer management, message get (stored and direct), and publishing with acknowledgement.
/// </summary>
public sealed class NatsJetStream(NatsConnection connection, TimeSpan? timeout = null)
{
    private const string Api = "$JS.API";
    private static NatsJsonContext Json => NatsJsonContext.Default;

    public NatsConnection Connection => connection;
    public TimeSpan Timeout { get; } = timeout ?? connection.Options.RequestTimeout;

    public Task<AccountInfo> GetAccountInfoAsync(CancellationToken cancellationToken = default) =>
        RequestAsync($"{Api}.INFO", null, Json.AccountInfo, cancellationToken);

    public Task<StreamInfo> CreateStreamAsync(StreamConfig config, CancellationToken cancellationToken = default) =>
        RequestAsync($"{Api}.STREAM.CREATE.{config.Name}", Serialize(config, Json.StreamConfig), Json.StreamInfo, cancellationToken);

    public Task<StreamInfo> UpdateStreamAsync(StreamConfig config, CancellationToken cancellationToken = default) =>
        RequestAsync($"{Api}.STREAM.UPDATE.{config.Name}", Serialize(config, Json.StreamConfig), Json.StreamInfo, cancellationToken);

    public Task<StreamInfo> GetStreamInfoAsync(string stream, CancellationToken cancellationToken = default) =>
        RequestAsync($"{Api}.STREAM.INFO.{stream}", null, Json.StreamInfo, cancellationToken);

    public async Task DeleteStreamAsync(string stream, CancellationToken cancellationToken = default) =>
        await RequestAsync($"{Api}.STREAM.DELETE.{stream}", null, Json.SuccessResponse, cancellationToken).ConfigureAwait(false);

    /// <summary>Removes messages (all, or per <paramref name="request"/>); returns how many.</summary>
    public async Task<ulong> PurgeStreamAsync(string stream, StreamPurgeRequest? request = null, CancellationToken cancellationToken = default)
    {
        var body = request is null ? null : Serialize(request, Json.StreamPurgeRequest);
        return (await RequestAsync($"{Api}.STREAM.PURGE.{stream}", body, Json.SuccessResponse, cancellationToken).ConfigureAwait(false)).Purged;
    }

    /// <summary>Creates (or, with the same configuration, finds) a consumer: durable, named or ephemeral.</summary>
    public Task<ConsumerInfo> CreateConsumerAsync(string stream, ConsumerConfig config, CancellationToken cancellationToken = default)
    {
        var subject = (config.DurableName, config.Name) switch
        {
            ({ } durable, _) => $"{Api}.CONSUMER.DURABLE.CREATE.{stream}.{durable}",
            (null, { } name) => $"{Api}.CONSUMER.CREATE.{stream}.{name}",
            _ => $"{Api}.CONSUMER.CREATE.{stream}",
        };
        return RequestAsync(subject, Serialize(new ConsumerCreateRequest(stream, config), Json.ConsumerCreateRequest), Json.ConsumerInfo, cancellationToken);
    }

    public Task<ConsumerInfo> GetConsumerInfoAsync(string stream, string consumer, CancellationToken cancellationToken = default) =>
        RequestAsync($"{Api}.CONSUMER.INFO.{stream}.{consumer}", null, Json.ConsumerInfo, cancellationToken);

    public async Task DeleteConsumerAsync(string stream, string consumer, CancellationToken cancellationToken = default) =>
        await RequestAsync($"{Api}.CONSUMER.DELETE.{stream}.{consumer}", null, Json.SuccessResponse, cancellationToken).ConfigureAwait(false);

    /// <summary>Reads a stored message through the stream leader (STREAM.MSG.GET); throws when there is none.</summary>
    public Task<StoredMessage> GetMessageAsync(string stream, ulong sequence, CancellationToken cancellationToken = default) =>
        GetMessageAsync(stream, new MessageGetRequest { Seq = sequence }, cancellationToken);

    /// <inheritdoc cref="GetMessageAsync(string, ulong, CancellationToken)"/>
    public Task<StoredMessage> GetLastMessageAsync(string stream, string subject, CancellationToken cancellationToken = default) =>
        GetMessageAsync(stream, new MessageGetRequest { LastBySubj = subject }, cancellationToken);

    private async Task<StoredMessage> GetMessageAsync(string stream, MessageGetRequest request, CancellationToken cancellationToken)
    {
        var response = await RequestAsync($"{Api}.STREAM.MSG.GET.{stream}", Serialize(request, Json.MessageGetRequest), Json.MessageGetResponse, cancellationToken).ConfigureAwait(false);
        var raw = response.Message ?? throw new NatsException("MSG.GET answered without a message");
        var headers = raw.Hdrs is { Length: > 0 } hdrs ? NatsHeaders.Parse(new ReadOnlySequence<byte>(hdrs)) : null;
        return new StoredMessage(raw.Subject, raw.Seq, headers, raw.Data ?? [], raw.Time);
    }

    /// <summary>
    /// The last message on <paramref name="subject"/> via DIRECT.GET, which any replica may answer (the stream needs
    /// <c>allow_direct</c>); null when there is none.
    /// </summary>
    public async Task<StoredMessage?> DirectGetLastAsync(string stream, string subject, CancellationToken cancellationToken = default)
    {
        var msg = await connection.RequestAsync($"{Api}.DIRECT.GET.{stream}.{subject}", ReadOnlyMemory<byte>.Empty, timeout: Timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        return FromDirectGet(msg);
    }

    /// <summary>The message with <paramref name="sequence"/> via DIRECT.GET; null when there is none.</summary>
    public async Task<StoredMessage?> DirectGetAsync(string stream, ulong sequence, CancellationToken cancellationToken = default)
    {
        var body = Serialize(new MessageGetRequest { Seq = sequence }, Json.MessageGetRequest);
        var msg = await connection.RequestAsync($"{Api}.DIRECT.GET.{stream}", body, timeout: Timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        return FromDirectGet(msg);
    }

    private static StoredMessage? FromDirectGet(NatsMsg msg)
    {
        var headers = msg.Headers;
        if (headers?.StatusCode == 404) return null;
        if (headers is null || headers.StatusCode != 0)
            throw new NatsException($"direct get failed: {headers?.StatusCode} {headers?.StatusDescription}");
        return new StoredMessage(
            headers["Nats-Subject"] ?? "",
            ulong.Parse(headers["Nats-Sequence"] ?? "0", CultureInfo.InvariantCulture),
            headers,
            msg.Data,
            DateTimeOffset.TryParse(headers["Nats-Time-Stamp"], CultureInfo.InvariantCulture, out var time) ? time : default);
    }

    /// <summary>
    /// Publishes to a stream subject and waits for the stream's acknowledgement. <paramref name="messageId"/> sets
    /// <c>Nats-Msg-Id</c>, so a retried publish inside the duplicate window is stored once.
    /// </summary>
    public async Task<PubAck> PublishAsync(string subject, ReadOnlyMemory<byte> payload, NatsHeaders? headers = null, string? messageId = null, CancellationToken cancellationToken = default)
    {
        if (messageId is not null)
        {
            headers ??= new NatsHeaders();
            headers["Nats-Msg-Id"] = messageId;
        }
        var reply = await connection.RequestAsync(subject, payload, headers, Timeout, cancellationToken).ConfigureAwait(false);
        return Parse(reply, Json.PubAck);
    }

    private async Task<T> RequestAsync<T>(string subject, byte[]? body, JsonTypeInfo<T> responseType, CancellationToken cancellationToken) where T : ApiResponse
    {
        var reply = await connection.RequestAsync(subject, body ?? ReadOnlyMemory<byte>.Empty, timeout: Timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Parse(reply, responseType);
    }

    private static T Parse<T>(NatsMsg reply, JsonTypeInfo<T> responseType) where T : ApiResponse
    {
        if (reply.Headers is { StatusCode: >= 400 } status)
            throw new NatsException($"JetStream answered {status.StatusCode} {status.StatusDescription}");
        var response = JsonSerializer.Deserialize(reply.Data.Span, responseType) ?? throw new NatsException("empty JetStream response");
        return response.Error is { } error ? throw new NatsJetStreamException(error) : response;
    }

    private static byte[] Serialize<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);
}
