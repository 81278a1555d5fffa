namespace WasmCloud.Nats.Tests;

public sealed class AllocationTests(NatsServerFixture fixture) : IClassFixture<NatsServerFixture>
{
    [Fact]
    public async Task Publishing_allocates_nothing_per_message()
    {
        await using var connection = await fixture.ConnectAsync();
        var payload = new byte[128];
        await PublishBatchesAsync(connection, payload, batches: 20); // warm up: JIT and the write buffers

        long allocated = await PublishBatchesAsync(connection, payload, batches: 40);

        Assert.True(allocated == 0, $"{allocated} bytes allocated for {40 * BatchSize} publishes");
    }

    // Small enough that the write buffer never has to grow: growing is a one-off cost, not a per-message one.
    private const int BatchSize = 250;

    /// <summary>Publishes in batches with a flush after each; returns the bytes this thread allocated inside the publish calls only.</summary>
    private static async Task<long> PublishBatchesAsync(NatsConnection connection, byte[] payload, int batches)
    {
        long allocated = 0;
        for (int batch = 0; batch < batches; batch++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < BatchSize; i++)
                Assert.True(connection.PublishAsync("alloc.test", payload).IsCompletedSuccessfully);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            await connection.FlushAsync(Timeouts.Token());
        }
        return allocated;
    }
}
