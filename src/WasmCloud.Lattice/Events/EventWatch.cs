using System.Text.Json;
using NATS.Client.Core;

namespace WasmCloud.Lattice.Events;

/// <summary>
/// A subscription to a lattice's events made before a request is sent, so the event that answers it cannot be
/// missed; <see cref="WaitForAsync"/> then takes the first event that matches.
/// </summary>
public sealed class EventWatch(INatsSub<byte[]> subscription) : IAsyncDisposable
{
    /// <summary>The first event (from now) that <paramref name="matches"/>, or null once <paramref name="timeout"/> passes.</summary>
    public async Task<CloudEvent?> WaitForAsync(Func<CloudEvent, bool> matches, TimeSpan timeout, CancellationToken cancel = default)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        waiting.CancelAfter(timeout);
        try
        {
            while (await subscription.Msgs.WaitToReadAsync(waiting.Token))
            {
                while (subscription.Msgs.TryRead(out var msg))
                {
                    CloudEvent cloudEvent;
                    try
                    {
                        cloudEvent = LatticeJson.Decode<CloudEvent>(msg.Data ?? []);
                    }
                    catch (JsonException)
                    {
                        continue;
                    }
                    if (matches(cloudEvent)) return cloudEvent;
                }
            }
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
        }
        return null;
    }

    public ValueTask DisposeAsync() => subscription.DisposeAsync();
}
