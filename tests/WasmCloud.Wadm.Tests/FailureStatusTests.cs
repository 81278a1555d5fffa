using Microsoft.Extensions.Logging.Abstractions;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Wadm;

namespace WasmCloud.Wadm.Tests;

/// <summary>
/// Status that says why: a component no host can start shows <c>failed</c> with the host's own error (wadm's
/// issue #346 and wasmCloud's #1727 were applications shown deployed, or stuck without a reason, while nothing ran),
/// and a spread no host's labels admit shows <c>failed</c> naming the spread.
/// </summary>
public sealed class FailureStatusTests
{
    private const string Manifest = """
        apiVersion: core.oam.dev/v1beta1
        kind: Application
        metadata:
          name: doomed
          annotations:
            version: v1
        spec:
          components:
            - name: missing
              type: component
              properties:
                image: file:///nowhere/missing.wasm
              traits:
                - type: spreadscaler
                  properties:
                    instances: 2
            - name: picky
              type: component
              properties:
                image: file:///nowhere/picky.wasm
              traits:
                - type: spreadscaler
                  properties:
                    instances: 1
                    spread:
                      - name: mars
                        requirements: { zone: mars }
        """;

    [Fact]
    public async Task Failures_are_reported_with_their_reason_and_the_rest_of_the_app_is_left_alone()
    {
        await using var lattice = await LatticeOfThree.StartAsync();
        await using var wadm = await WadmServer.StartAsync(new WadmOptions { Nats = new NatsEndpoint { Port = lattice.Nats.Port } }, NullLogger.Instance);
        await lattice.PutAsync(Manifest);
        Assert.Equal("acknowledged", (await lattice.Wadm.DeployAsync("doomed")).Result);
        AppStatus? status = null;
        await LatticeOfThree.EventuallyAsync(async () =>
        {
            status = (await lattice.Wadm.StatusAsync("doomed")).Status;
            var missing = status?.Scalers?.FirstOrDefault(s => s.Name == "doomed-missing");
            return (missing?.Status.Type == StatusType.Failed, System.Text.Json.JsonSerializer.Serialize(status));
        });
        Assert.Equal(StatusType.Failed, status!.Info.Type);
        var missing = status.Scalers!.Single(s => s.Name == "doomed-missing");
        Assert.Contains("missing.wasm", missing.Status.Message);
        var picky = status.Scalers!.Single(s => s.Name == "doomed-picky");
        Assert.Equal(StatusType.Failed, picky.Status.Type);
        Assert.Equal("Could not satisfy spread mars for file:///nowhere/picky.wasm, 0/1 eligible hosts found.", picky.Status.Message);
        Assert.Contains("missing.wasm", status.Info.Message);
        Assert.Equal(0u, (await lattice.CountsAsync("doomed-missing")).Values.Aggregate(0u, (a, b) => a + b));
    }
}
