using System.Text.Json;
using NATS.Client.Core;

namespace WasmCloud.Testing;

/// <summary>Every lattice event seen since it subscribed, as parsed JSON, for tests to wait on and inspect.</summary>
public sealed class EventLog : IAsyncDisposable
{
    private readonly List<(string Subject, JsonElement Event)> _events = [];
    private readonly INatsSub<byte[]> _subscription;
    private readonly Task _reading;

    private EventLog(INatsSub<byte[]> subscription)
    {
        _subscription = subscription;
        _reading = ReadAsync();
    }

    public static async Task<EventLog> StartAsync(INatsConnection nats, string lattice = "default")
    {
        var subscription = await nats.SubscribeCoreAsync<byte[]>($"wasmbus.evt.{lattice}.>");
        await nats.PingAsync();
        return new EventLog(subscription);
    }

    private async Task ReadAsync()
    {
        await foreach (var msg in _subscription.Msgs.ReadAllAsync())
        {
            using var document = JsonDocument.Parse(msg.Data ?? []);
            lock (_events) _events.Add((msg.Subject, document.RootElement.Clone()));
        }
    }

    public IReadOnlyList<(string Subject, JsonElement Event)> All
    {
        get { lock (_events) return _events.ToList(); }
    }

    /// <summary>The first event of this name (from this host, when given) that matches, waiting for it up to 15 s.</summary>
    public async Task<JsonElement> WaitForAsync(string name, Func<JsonElement, bool>? matches = null, string? source = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var found = Find(name, matches, source).FirstOrDefault();
            if (found.ValueKind != JsonValueKind.Undefined) return found;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"no {name} event{(source is null ? "" : $" from {source}")} arrived; seen: {string.Join(", ", All.Select(e => e.Subject))}");
            await Task.Delay(25);
        }
    }

    public IEnumerable<JsonElement> Find(string name, Func<JsonElement, bool>? matches = null, string? source = null) =>
        All.Where(e => e.Subject.EndsWith("." + name, StringComparison.Ordinal)
                && (source is null || e.Event.GetProperty("source").GetString() == source)
                && (matches is null || matches(e.Event.GetProperty("data"))))
            .Select(e => e.Event);

    public async ValueTask DisposeAsync()
    {
        await _subscription.DisposeAsync();
        await _reading.ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
