using System.Text.Json;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Lattice.Events;

namespace WasmCloud.Host.Providers;

/// <summary>
/// Asks a provider how it is, as upstream's hosts do: a request on <c>wasmbus.rpc.{lattice}.{id}.health</c> first
/// 5 s after it starts and then every interval (30 s), each answer published as <c>health_check_passed</c> (healthy
/// after unhealthy), <c>health_check_failed</c> (unhealthy after healthy) or <c>health_check_status</c> (anything
/// else, the first unhealthy answer included). No answer, or one that does not parse, publishes nothing.
/// </summary>
internal sealed class ProviderHealthChecks : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _checking;
    private readonly INatsSub<byte[]> _answering;
    private readonly Task _answers;

    private ProviderHealthChecks(LatticeHost host, IHostedProvider provider, INatsSub<byte[]> answering)
    {
        _answering = answering;
        _answers = AnswerAsync(provider, answering);
        _checking = CheckAsync(host, provider.Id, _stop.Token);
    }

    /// <summary>
    /// Starts the checks of a provider that runs in this host, which answers them itself over NATS, as an external
    /// provider would (so other tools asking its health get the same answer).
    /// </summary>
    public static async Task<ProviderHealthChecks> StartAsync(LatticeHost host, IHostedProvider provider)
    {
        var answering = await host.Rpc.SubscribeCoreAsync<byte[]>(Subject(host.Options.Lattice, provider.Id), cancellationToken: host.Stopping);
        return new ProviderHealthChecks(host, provider, answering);
    }

    private static async Task AnswerAsync(IHostedProvider provider, INatsSub<byte[]> answering)
    {
        await foreach (var request in answering.Msgs.ReadAllAsync())
        {
            try
            {
                await request.ReplyAsync(LatticeJson.Encode(provider.Health()));
            }
            catch (NatsException)
            {
                // The asker has gone; the next check asks again.
            }
        }
    }

    public static string Subject(string lattice, string providerId) => $"wasmbus.rpc.{lattice}.{providerId}.health";

    private static async Task CheckAsync(LatticeHost host, string providerId, CancellationToken stop)
    {
        var previousHealthy = false;
        var interval = host.Options.ProviderHealthInterval;
        try
        {
            await Task.Delay(interval < TimeSpan.FromSeconds(5) ? interval : TimeSpan.FromSeconds(5), stop);
            while (!stop.IsCancellationRequested)
            {
                if (await AskAsync(host, providerId, stop) is { } answer)
                {
                    var name = answer.Healthy && !previousHealthy ? EventNames.HealthCheckPassed
                        : !answer.Healthy && previousHealthy ? EventNames.HealthCheckFailed
                        : EventNames.HealthCheckStatus;
                    previousHealthy = answer.Healthy;
                    await host.Events.PublishAsync(name, new ProviderHealth { HostId = host.Id, ProviderId = providerId });
                }
                await Task.Delay(interval, stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<HealthCheckResponse?> AskAsync(LatticeHost host, string providerId, CancellationToken stop)
    {
        try
        {
            var reply = await host.Rpc.RequestAsync<byte[], byte[]>(Subject(host.Options.Lattice, providerId), "{}"u8.ToArray(),
                replyOpts: new NatsSubOpts { Timeout = host.Options.RpcTimeout }, cancellationToken: stop);
            return LatticeJson.Decode<HealthCheckResponse>(reply.Data ?? []);
        }
        catch (Exception e) when (e is NatsException or JsonException)
        {
            host.Log.LogDebug("provider {Id} gave no health answer: {Error}", providerId, e.Message);
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _checking.ContinueWith(_ => { }, TaskScheduler.Default);
        await _answering.DisposeAsync();
        await _answers.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }
}
