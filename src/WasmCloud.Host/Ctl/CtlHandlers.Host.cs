using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Lattice.Events;

namespace WasmCloud.Host.Ctl;

internal sealed partial class CtlHandlers
{
    private CtlResponse<HostInfo> HostPing() => CtlResponse<HostInfo>.Ok(host.Info());

    private CtlResponse<HostInventory> HostGet() => CtlResponse<HostInventory>.Ok(host.Inventory());

    private CtlResponse<object> HostStop(byte[] body)
    {
        var command = new StopHostCommand();
        if (body.Length > 0 && !TryRead(body, "stop host command", out command!, out var refusal)) return refusal;
        if (command.HostId.Length > 0 && command.HostId != host.Id) return CtlResponse.Fail($"invalid host_id [{command.HostId}]");
        host.RequestStop(command.Timeout is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
        return CtlResponse.Ok("successfully handled stop host");
    }

    private async Task<CtlResponse<object>> LabelPutAsync(byte[] body)
    {
        if (!TryRead<HostLabel>(body, "host label", out var label, out var refusal)) return refusal;
        if (label.Key.StartsWith("hostcore.", StringComparison.OrdinalIgnoreCase)) return CtlResponse.Fail("hostcore.* labels cannot be set dynamically");
        if (label.Key.Length == 0) return CtlResponse.Fail("a label needs a key");
        host.Labels[label.Key] = label.Value;
        await PublishLabelsAsync();
        return CtlResponse.Ok("successfully put label");
    }

    private async Task<CtlResponse<object>> LabelDeleteAsync(byte[] body)
    {
        if (!TryRead<HostLabelIdentifier>(body, "host label identifier", out var label, out var refusal)) return refusal;
        if (label.Key.StartsWith("hostcore.", StringComparison.OrdinalIgnoreCase)) return CtlResponse.Fail("hostcore.* labels cannot be set dynamically");
        if (!host.Labels.TryRemove(label.Key, out _)) return CtlResponse.Ok("successfully deleted label (no such label)");
        await PublishLabelsAsync();
        return CtlResponse.Ok("successfully deleted label");
    }

    private Task PublishLabelsAsync() =>
        host.Events.PublishAsync(EventNames.LabelsChanged, new LabelsChanged { HostId = host.Id, Labels = host.LabelMap() });

    private CtlResponse<object> RegistryPut(byte[] body)
    {
        if (!TryRead<Dictionary<string, RegistryCredential>>(body, "registry credentials", out var registries, out var refusal)) return refusal;
        foreach (var (registry, credential) in registries) host.Fetcher.Credentials[registry] = credential;
        return CtlResponse.Ok("successfully put registries");
    }
}
