using System.Text.Json;
using NATS.Client.Core;
using WasmCloud.Lattice.Control;
using WasmCloud.Lattice.Events;

namespace WasmCloud.Lattice;

/// <summary>
/// A typed client of the control interface: one method per ctl subject, each sending upstream's request
/// shape and reading the <see cref="CtlResponse{T}"/> it gets back. Auctions and host pings gather every
/// reply that arrives within the auction timeout.
/// </summary>
public sealed class CtlClient(INatsConnection nats, Subjects subjects)
{
    /// <summary>How long a single-host request waits for its reply (upstream's default: 2 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long scatter-gather requests collect replies (upstream's default: 5 s).</summary>
    public TimeSpan AuctionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Once the first reply is in, how long a gap ends the gathering early.</summary>
    public TimeSpan GatherIdle { get; set; } = TimeSpan.FromMilliseconds(500);

    public Subjects Subjects { get; } = subjects;

    public async Task<List<HostInfo>> PingHostsAsync(CancellationToken cancel = default) =>
        await GatherAsync<HostInfo>(Subjects.HostPing, [], cancel);

    public Task<CtlResponse<HostInventory>> GetHostInventoryAsync(string hostId, CancellationToken cancel = default) =>
        RequestAsync<HostInventory>(Subjects.HostGet(hostId), [], cancel);

    public Task<CtlResponse<object>> StopHostAsync(string hostId, ulong? timeoutMs = null, CancellationToken cancel = default) =>
        RequestAsync<object>(Subjects.HostStop(hostId), LatticeJson.Encode(new StopHostCommand { HostId = hostId, Timeout = timeoutMs }), cancel);

    public Task<List<ComponentAuctionAck>> AuctionComponentAsync(ComponentAuctionRequest request, CancellationToken cancel = default) =>
        GatherAsync<ComponentAuctionAck>(Subjects.ComponentAuction, LatticeJson.Encode(request), cancel);

    public Task<CtlResponse<object>> ScaleComponentAsync(ScaleComponentCommand command, CancellationToken cancel = default) =>
        RequestAsync<object>(Subjects.ComponentScale(command.HostId), LatticeJson.Encode(command), cancel);

    public Task<CtlResponse<object>> UpdateComponentAsync(UpdateComponentCommand command, CancellationToken cancel = default) =>
        RequestAsync<object>(Subjects.ComponentUpdate(command.HostId), LatticeJson.Encode(command), cancel);

    public Task<List<ProviderAuctionAck>> AuctionProviderAsync(ProviderAuctionRequest request, CancellationToken cancel = default) =>
        GatherAsync<ProviderAuctionAck>(Subjects.ProviderAuction, LatticeJson.Encode(request), cancel);

    public Task<CtlResponse<object>> StartProviderAsync(StartProviderCommand command, CancellationToken cancel = default) =>
        RequestAsync<object>(Subjects.ProviderStart(command.HostId), LatticeJson.Encode(command), cancel);

    public Task<CtlResponse<object>> StopProviderAsync(StopProviderCommand command, CancellationToken cancel = default) =>
        RequestAsync<object>(Subjects.ProviderStop(command.HostId), LatticeJson.Encode(command), cancel);

    public Task<CtlResponse<object>> PutLinkAsync(Link link, CancellationToken cancel = default) =>
        RequestAsync<object>(Subjects.LinkPut, LatticeJson.Encode(link), cancel);

    public Task<CtlResponse<object>> DeleteLinkAsync(DeleteLinkRequest key, CancellationToken cancel = default) =>
        RequestAsync<object>(Subjects.LinkDel, LatticeJson.Encode(key), cancel);

    public Task<CtlResponse<List<Link>>> GetLinksAsync(CancellationToken cancel = default) =>
        RequestAsync<List<Link>>(Subjects.LinkGet, [], cancel);

    public Task<CtlResponse<List<Dictionary<string, string>>>> GetClaimsAsync(CancellationToken cancel = default) =>
        RequestAsync<List<Dictionary<string, string>>>(Subjects.ClaimsGet, [], cancel);

    public Task<CtlResponse<object>> PutConfigAsync(string name, IReadOnlyDictionary<string, string> values, CancellationToken cancel = default) =>
        RequestAsync<object>(Subjects.ConfigPut(name), LatticeJson.Encode(values.ToDictionary()), cancel);

    public Task<CtlResponse<Dictionary<string, string>>> GetConfigAsync(string name, CancellationToken cancel = default) =>
        RequestAsync<Dictionary<string, string>>(Subjects.ConfigGet(name), [], cancel);

    public Task<CtlResponse<object>> DeleteConfigAsync(string name, CancellationToken cancel = default) =>
        RequestAsync<object>(Subjects.ConfigDel(name), [], cancel);

    public Task<CtlResponse<object>> PutLabelAsync(string hostId, string key, string value, CancellationToken cancel = default) =>
        RequestAsync<object>(Subjects.LabelPut(hostId), LatticeJson.Encode(new HostLabel { Key = key, Value = value }), cancel);

    public Task<CtlResponse<object>> DeleteLabelAsync(string hostId, string key, CancellationToken cancel = default) =>
        RequestAsync<object>(Subjects.LabelDel(hostId), LatticeJson.Encode(new HostLabelIdentifier { Key = key }), cancel);

    public Task<CtlResponse<object>> PutRegistriesAsync(Dictionary<string, RegistryCredential> registries, CancellationToken cancel = default) =>
        RequestAsync<object>(Subjects.RegistryPut, LatticeJson.Encode(registries), cancel);

    /// <summary>Subscribes to the lattice's events now, to wait for the one a request is about to cause.</summary>
    public async Task<EventWatch> WatchEventsAsync(CancellationToken cancel = default)
    {
        var subscription = await nats.SubscribeCoreAsync<byte[]>(Subjects.AllEvents, cancellationToken: cancel);
        await nats.PingAsync(cancel);
        return new EventWatch(subscription);
    }

    /// <summary>Sends one request and reads its reply; no host listening is a <see cref="LatticeException"/> saying so.</summary>
    public async Task<CtlResponse<T>> RequestAsync<T>(string subject, byte[] body, CancellationToken cancel = default)
    {
        NatsMsg<byte[]> reply;
        try
        {
            reply = await nats.RequestAsync<byte[], byte[]>(subject, body, replyOpts: new NatsSubOpts { Timeout = Timeout }, cancellationToken: cancel);
        }
        catch (NatsNoRespondersException)
        {
            throw new LatticeException($"no host answered on {subject} (is a host running in lattice `{Subjects.Lattice}`?)");
        }
        catch (NatsNoReplyException)
        {
            throw new LatticeException($"no reply on {subject} within {Timeout.TotalMilliseconds:0} ms");
        }
        if (reply.HasNoResponders)
            throw new LatticeException($"no host answered on {subject} (is a host running in lattice `{Subjects.Lattice}`?)");
        return Read<T>(subject, reply.Data);
    }

    private async Task<List<T>> GatherAsync<T>(string subject, byte[] body, CancellationToken cancel)
    {
        var replies = new List<T>();
        var options = new NatsSubOpts { Timeout = AuctionTimeout, IdleTimeout = AuctionTimeout, StopOnEmptyMsg = false };
        using var gathering = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        gathering.CancelAfter(AuctionTimeout);
        try
        {
            await foreach (var reply in nats.RequestManyAsync<byte[], byte[]>(subject, body, replyOpts: options, cancellationToken: gathering.Token))
            {
                if (reply.HasNoResponders) break;
                var response = Read<T>(subject, reply.Data);
                if (response is { Success: true, Response: { } value }) replies.Add(value);
                // After the first reply, a short silence means everyone has answered.
                gathering.CancelAfter(GatherIdle);
            }
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
        }
        catch (NatsNoRespondersException)
        {
            // Nobody listens on the subject: no host bids, which is an answer, not a failure.
        }
        return replies;
    }

    private static CtlResponse<T> Read<T>(string subject, byte[]? data)
    {
        try
        {
            return LatticeJson.Decode<CtlResponse<T>>(data ?? []);
        }
        catch (JsonException e)
        {
            throw new LatticeException($"the reply on {subject} is not a control-interface response: {e.Message}");
        }
    }
}
