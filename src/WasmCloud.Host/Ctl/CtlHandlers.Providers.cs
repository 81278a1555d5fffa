using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Lattice.Events;

namespace WasmCloud.Host.Ctl;

internal sealed partial class CtlHandlers
{
    private CtlResponse<ProviderAuctionAck>? ProviderAuction(byte[] body)
    {
        if (!TryRead<ProviderAuctionRequest>(body, "provider auction request", out var request, out _)) return null;
        if (!host.MatchesConstraints(request.Constraints) || host.Providers.Running.ContainsKey(request.ProviderId)) return null;
        return CtlResponse<ProviderAuctionAck>.Ok(new ProviderAuctionAck
        {
            HostId = host.Id, ProviderRef = request.ProviderRef, ProviderId = request.ProviderId, Constraints = request.Constraints,
        });
    }

    private async Task<CtlResponse<object>> ProviderStartAsync(byte[] body)
    {
        if (!TryRead<StartProviderCommand>(body, "start provider command", out var command, out var refusal)) return refusal;
        if (host.Providers.Refusal(command) is { } reason)
        {
            await host.Events.PublishAsync(EventNames.ProviderStartFailed, new ProviderStartFailed
            {
                ProviderRef = command.ProviderRef, ProviderId = command.ProviderId, HostId = host.Id, Error = reason,
            });
            return CtlResponse.Fail(reason);
        }
        host.Providers.Start(command);
        return CtlResponse.Ok("successfully started provider");
    }

    private async Task<CtlResponse<object>> ProviderStopAsync(byte[] body)
    {
        if (!TryRead<StopProviderCommand>(body, "stop provider command", out var command, out var refusal)) return refusal;
        return await host.Providers.StopAsync(command.Id);
    }
}
