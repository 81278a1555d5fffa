using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Lattice.Events;

namespace WasmCloud.Host.Ctl;

internal sealed partial class CtlHandlers
{
    private CtlResponse<ComponentAuctionAck>? ComponentAuction(byte[] body)
    {
        if (!TryRead<ComponentAuctionRequest>(body, "component auction request", out var request, out _)) return null;
        if (!host.MatchesConstraints(request.Constraints) || host.Components.Running.ContainsKey(request.ComponentId)) return null;
        return CtlResponse<ComponentAuctionAck>.Ok(new ComponentAuctionAck
        {
            ComponentRef = request.ComponentRef, ComponentId = request.ComponentId, HostId = host.Id, Constraints = request.Constraints,
        });
    }

    private async Task<CtlResponse<object>> ComponentScaleAsync(byte[] body)
    {
        if (!TryRead<ScaleComponentCommand>(body, "component scale command", out var command, out var refusal)) return refusal;
        if (host.Components.Refusal(command) is { } reason)
        {
            // The event tells whoever waits on events (wadm, wash) as well as the requester.
            await host.Events.PublishAsync(EventNames.ComponentScaleFailed, new ComponentScaleFailed
            {
                ComponentId = command.ComponentId, Annotations = command.Annotations ?? [], HostId = host.Id, ImageRef = command.ComponentRef,
                MaxInstances = command.MaxInstances, Error = reason,
            });
            return CtlResponse.Fail(reason);
        }
        return CtlResponse.Ok(host.Components.Scale(command));
    }

    private CtlResponse<object> ComponentUpdate(byte[] body)
    {
        if (!TryRead<UpdateComponentCommand>(body, "update component command", out var command, out var refusal)) return refusal;
        return host.Components.Update(command);
    }
}
