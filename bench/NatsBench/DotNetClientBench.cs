using System.Diagnostics;
using WasmCloud.Nats;

namespace NatsBench;

/// <summary>Measures WasmCloud.Nats exactly as bench/nats-js/bench.mjs measures the JavaScript client.</summary>
internal static class DotNetClientBench
{
    public static async Task<Measurement> RunAsync(string url, int messages, byte[] payload, int runs, int requests)
    {
        var options = new NatsOptions { Servers = [url] };
        var rates = new List<double>();
        await using (var connection = await NatsConnection.ConnectAsync(options))
        {
            await PublishRunAsync(connection, Math.Min(messages, 100_000), payload); // warm-up (and JIT)
            for (int run = 0; run < runs; run++)
                rates.Add(await PublishRunAsync(connection, messages, payload));
        }
        rates.Sort();
        var (p50, p99) = await LatencyAsync(options, requests, payload);
        return new Measurement(rates[rates.Count / 2], p50, p99);
    }

    private static async Task<double> PublishRunAsync(NatsConnection connection, int count, byte[] payload)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
            await connection.PublishAsync("bench.pub", payload);
        await connection.FlushAsync(); // the server has processed every message once the PONG is back
        return count / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static async Task<(double P50, double P99)> LatencyAsync(NatsOptions options, int count, byte[] payload)
    {
        await using var responder = await NatsConnection.ConnectAsync(options);
        await using var service = await responder.SubscribeAsync("bench.echo");
        var serving = Task.Run(async () =>
        {
            await foreach (var request in service)
                await request.ReplyAsync(request.Data);
        });
        await responder.FlushAsync();

        await using var requester = await NatsConnection.ConnectAsync(options);
        var timeout = TimeSpan.FromSeconds(5);
        for (int i = 0; i < 1000; i++)
            await requester.RequestAsync("bench.echo", payload, timeout: timeout);
        var samples = new double[count];
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await requester.RequestAsync("bench.echo", payload, timeout: timeout);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        Array.Sort(samples);
        await service.UnsubscribeAsync();
        await serving;
        return (samples[(int)(count * 0.5)], samples[(int)(count * 0.99)]);
    }
}
