using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using WasmCloud.Components;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Lattice.Events;
using WasmCloud.Lattice.State;
using WasmCloud.Wasi.Preview1;
using WasmCloud.Wasi.Preview2.Http;
using WasmCloud.Wasm;

namespace WasmCloud.Host.Components;

/// <summary>
/// Starts, scales, updates and stops this host's components, as <c>component.scale</c> and <c>component.update</c>
/// ask. Requests are checked and answered at once; the fetching and compiling happen after, one operation at a time
/// per component ID, and end in a <c>component_scaled</c> or <c>component_scale_failed</c> event.
/// </summary>
internal sealed class ComponentSupervisor(LatticeHost host)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, bool> _inFlight = new();

    // A component's stdout and stderr are the host's, as upstream's hosts do; opened once, since each open dups a descriptor.
    private readonly Stream _standardOutput = Console.OpenStandardOutput();
    private readonly Stream _standardError = Console.OpenStandardError();

    public ConcurrentDictionary<string, RunningComponent> Running { get; } = new(StringComparer.Ordinal);

    /// <summary>Why the scale cannot be done (bad reference, missing config), or null.</summary>
    public string? Refusal(ScaleComponentCommand command)
    {
        if (command.ComponentId.Length == 0) return "failed to scale component: component_id is empty";
        if (command.MaxInstances == 0 || Running.ContainsKey(command.ComponentId)) return null;
        if (host.Fetcher.Refusal(command.ComponentRef) is { } refusal) return $"failed to scale component {command.ComponentId}: {refusal}";
        if (command.Config.FirstOrDefault(name => !host.State.ConfigExists(name)) is { } missing)
            return $"Unable to fetch requested config: Config {missing} does not exist";
        if (Running.Count >= host.Options.MaxComponents)
            return $"failed to scale component {command.ComponentId}: the host already runs --max-components ({host.Options.MaxComponents}) components";
        return null;
    }

    /// <summary>Accepts a scale (already checked) and starts it; returns the reply's message.</summary>
    public string Scale(ScaleComponentCommand command)
    {
        var message = "";
        if (Running.TryGetValue(command.ComponentId, out var running) && command.ComponentRef.Length > 0 && running.ImageRef != command.ComponentRef)
        {
            message = command.AllowUpdate
                ? $"Requested to scale existing component, with a changed image reference: {running.ImageRef} != {command.ComponentRef}. The component will be scaled, and the image reference will be updated afterwards."
                : $"Requested to scale existing component to a different image reference: {running.ImageRef} != {command.ComponentRef}. The component will be scaled but the image reference will not be updated. If you meant to update this component to a new image ref, use the update command.";
        }
        Track(ScaleAsync(command));
        return message;
    }

    /// <summary>Starts an update and returns the reply, or the refusal when the component does not run here.</summary>
    public CtlResponse<object> Update(UpdateComponentCommand command)
    {
        if (!Running.TryGetValue(command.ComponentId, out var running)) return CtlResponse.Fail($"component {command.ComponentId} not found");
        if (running.ImageRef == command.NewComponentRef) return CtlResponse.Ok($"component {command.ComponentId} already updated to {command.NewComponentRef}");
        if (host.Fetcher.Refusal(command.NewComponentRef) is { } refusal) return CtlResponse.Fail($"failed to update component {command.ComponentId}: {refusal}");
        Track(WithGate(command.ComponentId, () => UpdateImageAsync(command.ComponentId, command.NewComponentRef, command.Annotations)));
        return CtlResponse.Ok($"component {command.ComponentId} updating from {running.ImageRef} to {command.NewComponentRef}");
    }

    /// <summary>Stops serving every component (at shutdown).</summary>
    public async Task StopAllAsync()
    {
        foreach (var id in Running.Keys.ToList())
            if (Running.TryRemove(id, out var component)) await component.StopServingAsync();
    }

    /// <summary>Waits for every operation still running (at shutdown).</summary>
    public Task DrainAsync() => Task.WhenAll(_inFlight.Keys);

    private void Track(Task operation)
    {
        _inFlight[operation] = true;
        operation.ContinueWith(done => _inFlight.TryRemove(done, out _), TaskScheduler.Default);
    }

    private Task ScaleAsync(ScaleComponentCommand command) => WithGate(command.ComponentId, async () =>
    {
        var id = command.ComponentId;
        var count = command.MaxInstances;
        if (count == 0)
        {
            if (Running.TryRemove(id, out var stopped))
            {
                await stopped.StopServingAsync();
                host.Log.LogInformation("component {Id} stopped", id);
                await PublishScaledAsync(id, stopped.ImageRef, stopped.Annotations, 0);
            }
            else
            {
                await PublishScaledAsync(id, command.ComponentRef, command.Annotations ?? [], 0);
            }
            return;
        }
        if (Running.TryGetValue(id, out var running))
        {
            running.Rescale(count, command.Annotations, command.Config);
            // Upstream republishes this on every scale, changed or not; wadm counts on it.
            await PublishScaledAsync(id, running.ImageRef, running.Annotations, count);
            if (command.AllowUpdate && command.ComponentRef.Length > 0 && command.ComponentRef != running.ImageRef)
                await UpdateImageAsync(id, command.ComponentRef, command.Annotations);
            return;
        }
        var annotations = command.Annotations ?? [];
        try
        {
            var decision = await host.Policy.StartComponentAsync(id, command.ComponentRef, host.Stopping);
            if (!decision.Permitted) throw new ComponentFetchException($"Policy denied request to scale component `{id}`: {decision.Message}");
            var image = await PrepareAsync(id, command.ComponentRef, annotations);
            var component = new RunningComponent(id, image, count, annotations, command.Config, host.Runtime);
            Running[id] = component;
            await component.ServeAsync(host);
            await RecordImageAsync(id, command.ComponentRef);
            host.Log.LogInformation("component {Id} started from {Reference} (max instances {Count})", id, command.ComponentRef, count);
            await PublishScaledAsync(id, command.ComponentRef, annotations, count);
        }
        catch (Exception e) when (IsStartFailure(e))
        {
            host.Log.LogError("failed to scale component {Id}: {Error}", id, e.Message);
            await host.Events.PublishAsync(EventNames.ComponentScaleFailed, new ComponentScaleFailed
            {
                ComponentId = id, Annotations = annotations, HostId = host.Id, ImageRef = command.ComponentRef, MaxInstances = count,
                Error = $"failed to fetch component: {e.Message}",
            });
        }
    });

    private async Task UpdateImageAsync(string id, string reference, Dictionary<string, string>? annotations)
    {
        if (!Running.TryGetValue(id, out var running)) return;
        var previous = running.ImageRef;
        try
        {
            running.Update(await PrepareAsync(id, reference, annotations ?? running.Annotations), annotations);
            await running.ServeAsync(host);
            await RecordImageAsync(id, reference);
            host.Log.LogInformation("component {Id} updated from {Previous} to {Reference}", id, previous, reference);
            await PublishScaledAsync(id, reference, running.Annotations, running.MaxInstances);
            await PublishScaledAsync(id, previous, running.Annotations, 0);
        }
        catch (Exception e) when (IsStartFailure(e))
        {
            host.Log.LogError("failed to update component {Id} to {Reference}: {Error}", id, reference, e.Message);
            await host.Events.PublishAsync(EventNames.ComponentScaleFailed, new ComponentScaleFailed
            {
                ComponentId = id, Annotations = running.Annotations, HostId = host.Id, ImageRef = reference, MaxInstances = running.MaxInstances,
                Error = $"failed to update component: {e.Message}",
            });
        }
    }

    /// <summary>
    /// Fetches, compiles and links an image, off the caller's thread (a large component takes a while to compile), with
    /// the instances that will serve it: as many invocations each as the annotations allow.
    /// </summary>
    private async Task<RunningComponent.Image> PrepareAsync(string id, string reference, IReadOnlyDictionary<string, string> annotations)
    {
        var bytes = await host.Fetcher.FetchAsync(reference, host.Stopping);
        var maxInvocations = MaxInvocations(annotations);
        return await Task.Run(() =>
        {
            var pre = host.Runtime.Prepare(bytes, id, host.Links, host.Capabilities);
            var instances = host.Runtime.Instances(pre, () => GuestConfiguration(id), maxInvocations);
            IncomingHandler? http = null;
            try
            {
                http = IncomingHandler.Create(host.Runtime.Wasi, instances, host.Runtime.MaxExecutionTime);
            }
            catch (ComponentException)
            {
                // Not an HTTP component; it can still be started (and later serve other exports over wRPC).
            }
            return new RunningComponent.Image(reference, instances, http);
        });
    }

    /// <summary>The annotation that opts a component into warm instances, else the host's setting.</summary>
    private int MaxInvocations(IReadOnlyDictionary<string, string> annotations) =>
        !annotations.TryGetValue(MaxInvocationsAnnotation, out var text) ? host.Options.MaxInvocations
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) && count > 0 ? count
        : throw new ComponentException($"annotation {MaxInvocationsAnnotation} wants a whole number of invocations, at least 1, not `{text}`");

    public const string MaxInvocationsAnnotation = "wasmcloud.dev/max-invocations";

    /// <summary>
    /// What each invocation of the component sees: the host's stdout and stderr, its named config as it is now, and
    /// outgoing HTTP while it has a link for <c>wasi:http/outgoing-handler</c> (to an http-client provider, as
    /// upstream's components reach the web; the request is made in this process).
    /// </summary>
    private WasiConfiguration GuestConfiguration(string id) => new()
    {
        StandardOutput = _standardOutput,
        StandardError = _standardError,
        Embedder = new InvocationState(() => host.State.MergedConfig(Running.TryGetValue(id, out var component) ? component.Config : [])),
        HttpClientFor = authority => OutgoingClient(id, authority),
    };

    /// <summary>
    /// The client for a component's outgoing request: none without a link for <c>wasi:http/outgoing-handler</c>
    /// (the one named <c>default</c> first); the linked http-client's own (its trust and allowed hosts) when it runs on
    /// this host; otherwise one that sends the request over wRPC to the linked target, as upstream's hosts do.
    /// </summary>
    private System.Net.Http.HttpMessageInvoker? OutgoingClient(string id, string authority)
    {
        var link = host.State.LinksFrom(id).Where(l => l is { WitNamespace: "wasi", WitPackage: "http" } && l.Interfaces.Contains("outgoing-handler"))
            .OrderBy(l => l.Name == "default" ? 0 : 1).FirstOrDefault();
        if (link is null) return null;
        return host.Providers.Running.TryGetValue(link.Target, out var provider) && provider is Capabilities.HttpClient.HttpClientProvider client
            ? client.ClientFor(authority, host.State.MergedConfig(link.TargetConfig))
            : host.RemoteHttpClients.For(id, link.Name, link.Target);
    }

    /// <summary>Keeps the component's image in its LATTICEDATA specification (its links stay as they are).</summary>
    private async Task RecordImageAsync(string id, string reference)
    {
        try
        {
            var spec = new ComponentSpecification { Url = reference, Links = host.State.LinksFrom(id).ToList() };
            await host.State.LatticeData.PutAsync(Buckets.ComponentKey(id), LatticeJson.Encode(spec));
            host.State.Remember(id, spec);
        }
        catch (Exception e) when (e is NATS.Client.Core.NatsException or OperationCanceledException)
        {
            host.Log.LogWarning("could not record component {Id} in lattice data: {Error}", id, e.Message);
        }
    }

    private Task PublishScaledAsync(string id, string reference, Dictionary<string, string> annotations, uint count) =>
        host.Events.PublishAsync(EventNames.ComponentScaled, new ComponentScaled
        {
            Annotations = annotations, HostId = host.Id, ImageRef = reference, MaxInstances = count, ComponentId = id,
        });

    private async Task WithGate(string id, Func<Task> operation)
    {
        var gate = _gates.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            await operation();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            host.Log.LogError(e, "component {Id}: operation failed", id);
        }
        finally
        {
            gate.Release();
        }
    }

    private static bool IsStartFailure(Exception e) =>
        e is ComponentFetchException or ComponentException or WasmException or IOException or UnauthorizedAccessException or HttpRequestException or TaskCanceledException;
}
