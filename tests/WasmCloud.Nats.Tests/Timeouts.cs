namespace WasmCloud.Nats.Tests;

/// <summary>Generous limits: CI shares two cores with other builds, and a test must only fail when something is really wrong.</summary>
public static class Timeouts
{
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    public static CancellationToken Token() => new CancellationTokenSource(Long).Token;

    public static async Task<T> Within<T>(this Task<T> task) => await task.WaitAsync(Long);

    public static async Task Within(this Task task) => await task.WaitAsync(Long);

    /// <summary>The next message of a subscription, or a timeout failure.</summary>
    public static async Task<NatsMsg> NextAsync(this NatsSubscription subscription) =>
        await subscription.Messages.ReadAsync(Token());
}
