using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using WasmCloud.Lattice.Wadm;

namespace WasmCloud.Wadm.Api;

/// <summary>
/// wadm's NATS API: a queue subscription on <c>{prefix}.&gt;</c> (group <c>wadm_server</c>, so several wadm
/// instances share the requests), routing <c>{prefix}.{lattice}.model.{operation}[.{name}]</c> to its handler.
/// A bad subject or body gets an error reply and changes nothing.
/// </summary>
internal sealed class ApiServer(INatsConnection nats, string prefix, ModelHandlers handlers, ILogger log) : IAsyncDisposable
{
    private INatsSub<byte[]>? _subscription;
    private Task? _loop;

    public async Task StartAsync(CancellationToken cancel)
    {
        _subscription = await nats.SubscribeCoreAsync<byte[]>($"{prefix}.>", WadmSubjects.QueueGroup, cancellationToken: cancel);
        // The server has the subscription once it answers a ping: a request sent after start finds wadm listening.
        await nats.PingAsync(cancel);
        _loop = Task.Run(() => ServeAsync(_subscription));
    }

    private async Task ServeAsync(INatsSub<byte[]> subscription)
    {
        await foreach (var message in subscription.Msgs.ReadAllAsync())
        {
            if (message.ReplyTo is null) continue;
            byte[] reply;
            try
            {
                reply = await RouteAsync(message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "wadm API request on {Subject} failed", message.Subject);
                reply = ApiReply.Error($"wadm could not handle the request: {e.Message}");
            }
            try
            {
                await message.ReplyAsync(reply);
            }
            catch (NatsException e)
            {
                log.LogWarning("could not reply on {Subject}: {Error}", message.Subject, e.Message);
            }
        }
    }

    private Task<byte[]> RouteAsync(NatsMsg<byte[]> message)
    {
        var tokens = message.Subject[(prefix.Length + 1)..].Split('.');
        if (tokens.Length < 2) return Task.FromResult(ApiReply.Error("Invalid subject: Expected to find category"));
        if (tokens.Length < 3) return Task.FromResult(ApiReply.Error("Invalid subject: Expected to find operation"));
        if (tokens.Length > 4)
            return Task.FromResult(ApiReply.Error("Invalid subject: Found extra components of subject, ensure your manifest name consists of only alphanumeric characters, dashes, and underscores."));
        var subjects = new WadmSubjects(tokens[0], prefix);
        var name = tokens.Length == 4 ? tokens[3] : null;
        var body = message.Data ?? [];
        if (tokens[1] != "model") return Task.FromResult(ApiReply.Error($"Unsupported subject: {message.Subject}"));
        return (tokens[2], name) switch
        {
            ("put", null) => handlers.PutAsync(subjects, body, ContentType(message)),
            ("get", null) => handlers.ListAsync(subjects, bare: false),
            ("list", null) => handlers.ListAsync(subjects, bare: true),
            ("get", { } app) => handlers.GetAsync(subjects, app, body),
            ("versions", { } app) => handlers.VersionsAsync(subjects, app),
            ("del", { } app) => handlers.DeleteAsync(subjects, app, body),
            ("deploy", { } app) => handlers.DeployAsync(subjects, app, body),
            ("undeploy", { } app) => handlers.UndeployAsync(subjects, app, body),
            ("status", { } app) => handlers.StatusAsync(subjects, app),
            ("history", { }) => Task.FromResult(ApiReply.Error("Model deployment history is not currently supported. It may be added in a future version")),
            _ => Task.FromResult(ApiReply.Error($"Unsupported subject: {message.Subject}")),
        };
    }

    private static string? ContentType(NatsMsg<byte[]> message) =>
        message.Headers is { } headers && headers.TryGetValue("Content-Type", out var value) ? value.ToString() : null;

    public async ValueTask DisposeAsync()
    {
        if (_subscription is not null) await _subscription.DisposeAsync();
        if (_loop is not null) await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
