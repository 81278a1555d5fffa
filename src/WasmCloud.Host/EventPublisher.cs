using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Events;

namespace WasmCloud.Host;

/// <summary>
/// Publishes this host's lattice events as CloudEvents on <c>wasmbus.evt.{lattice}.{name}</c>, over the ctl
/// connection. An event that cannot be sent is logged; it never fails the operation it reports.
/// </summary>
internal sealed class EventPublisher(INatsConnection nats, Subjects subjects, string hostId, ILogger log)
{
    public async Task PublishAsync<T>(string name, T data)
    {
        var cloudEvent = CloudEvent.Create(name, hostId, LatticeJson.Element(data), DateTimeOffset.UtcNow);
        try
        {
            await nats.PublishAsync(subjects.Event(name), LatticeJson.Encode(cloudEvent), TraceContext.Headers());
        }
        catch (Exception e) when (e is NatsException or OperationCanceledException or ObjectDisposedException)
        {
            log.LogWarning("could not publish {Event}: {Error}", name, e.Message);
        }
    }
}
