using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Lattice.Events;

namespace WasmCloud.Host.Providers;

/// <summary>
/// Starts and stops this host's providers and keeps each told of the links it is the source of, with their
/// config resolved, whenever a link or a config it names changes anywhere in the lattice.
/// </summary>
internal sealed class ProviderSupervisor(LatticeHost host)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public ConcurrentDictionary<string, IHostedProvider> Running { get; } = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ProviderHealthChecks> _health = new(StringComparer.Ordinal);

    /// <summary>Why the provider cannot be started, or null.</summary>
    public string? Refusal(StartProviderCommand command)
    {
        if (command.ProviderId.Length == 0) return "failed to start provider: provider_id is empty";
        if (Running.ContainsKey(command.ProviderId)) return "provider with that ID is already running";
        if (BuiltinProviders.NameOf(command.ProviderRef, host.Options.BuiltinImages) is not null) return null;
        if (command.ProviderRef.StartsWith(BuiltinProviders.Scheme, StringComparison.Ordinal))
            return $"unknown builtin name: {command.ProviderRef[BuiltinProviders.Scheme.Length..]} (this host has: {BuiltinProviders.Names})";
        if (host.Fetcher.Refusal(command.ProviderRef) is { } refusal) return refusal;
        return $"failed to start provider {command.ProviderId}: this host runs builtin providers only so far ({BuiltinProviders.Names}); provider archives are not supported yet";
    }

    /// <summary>Starts an accepted provider in the background; the outcome is a <c>provider_started</c> or <c>provider_start_failed</c> event.</summary>
    public void Start(StartProviderCommand command) => _ = StartAsync(command);

    private async Task StartAsync(StartProviderCommand command)
    {
        var annotations = command.Annotations ?? [];
        await _gate.WaitAsync();
        try
        {
            var decision = await host.Policy.StartProviderAsync(command.ProviderId, command.ProviderRef, host.Stopping);
            if (!decision.Permitted) throw new HostConfigurationException($"Policy denied request to start provider `{command.ProviderId}`: {decision.Message}");
            var provider = BuiltinProviders.Create(BuiltinProviders.NameOf(command.ProviderRef, host.Options.BuiltinImages)!, command, annotations, host);
            await provider.StartAsync(host.Stopping);
            Running[command.ProviderId] = provider;
            _health[command.ProviderId] = await ProviderHealthChecks.StartAsync(host, provider);
            host.Log.LogInformation("provider {Id} started from {Reference}", command.ProviderId, command.ProviderRef);
            await host.Events.PublishAsync(EventNames.ProviderStarted, new ProviderStarted
            {
                HostId = host.Id, ImageRef = command.ProviderRef, ProviderId = command.ProviderId, Annotations = annotations,
            });
        }
        catch (Exception e) when (e is HostConfigurationException or FormatException)
        {
            host.Log.LogError("failed to start provider {Id}: {Error}", command.ProviderId, e.Message);
            await host.Events.PublishAsync(EventNames.ProviderStartFailed, new ProviderStartFailed
            {
                ProviderRef = command.ProviderRef, ProviderId = command.ProviderId, HostId = host.Id, Error = e.Message,
            });
            return;
        }
        finally
        {
            _gate.Release();
        }
        await RefreshLinksAsync(command.ProviderId);
    }

    public async Task<CtlResponse<object>> StopAsync(string id)
    {
        if (!Running.TryRemove(id, out var provider)) return CtlResponse.Fail("provider with that ID is not running");
        if (_health.TryRemove(id, out var health)) await health.DisposeAsync();
        await provider.DisposeAsync();
        host.Log.LogInformation("provider {Id} stopped", id);
        await host.Events.PublishAsync(EventNames.ProviderStopped, new ProviderStopped
        {
            HostId = host.Id, ProviderId = id, Annotations = provider.Annotations, Reason = "stop", InstanceId = id, PublicKey = id,
        });
        return CtlResponse.Ok("successfully stopped provider");
    }

    /// <summary>Gives a running provider the links it is the source of, as they are now.</summary>
    public async Task RefreshLinksAsync(string providerId)
    {
        if (!Running.TryGetValue(providerId, out var provider)) return;
        var links = host.State.LinksFrom(providerId)
            .Select(link => new ResolvedLink(link, host.State.MergedConfig(link.SourceConfig), host.State.MergedConfig(link.TargetConfig)))
            .ToList();
        try
        {
            await provider.SetLinksAsync(links, host.Stopping);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            host.Log.LogError("provider {Id} could not apply its links: {Error}", providerId, e.Message);
        }
    }

    /// <summary>A named config changed: every provider with a link naming it is given its links again.</summary>
    public async Task ConfigChangedAsync(string name)
    {
        foreach (var id in Running.Keys)
            if (host.State.LinksFrom(id).Any(link => link.SourceConfig.Contains(name) || link.TargetConfig.Contains(name)))
                await RefreshLinksAsync(id);
    }

    public async Task StopAllAsync()
    {
        foreach (var id in Running.Keys.ToList())
        {
            if (_health.TryRemove(id, out var health)) await health.DisposeAsync();
            if (Running.TryRemove(id, out var provider)) await provider.DisposeAsync();
        }
    }
}
