using System.Text.Json;
using WasmCloud.Lattice;

namespace WasmCloud.Host.Ctl;

/// <summary>
/// Dispatches a ctl request by the tokens after <c>{prefix}.v1.{lattice}</c> to its handler and encodes the
/// answer; null means no reply (an auction this host does not bid in). The handlers live in the partial files
/// beside this one, one per area of the interface.
/// </summary>
internal sealed partial class CtlHandlers(LatticeHost host)
{
    public async Task<byte[]?> HandleAsync(string operation, byte[] body)
    {
        var tokens = operation.Split('.', 3);
        var area = tokens[0];
        var verb = tokens.Length > 1 ? tokens[1] : "";
        var argument = tokens.Length > 2 ? tokens[2] : "";
        return (area, verb) switch
        {
            ("host", "ping") => Reply(HostPing()),
            ("host", "get") => Reply(HostGet()),
            ("host", "stop") => Reply(HostStop(body)),
            ("component", "auction") => ComponentAuction(body) is { } bid ? Reply(bid) : null,
            ("component", "scale") => Reply(await ComponentScaleAsync(body)),
            ("component", "update") => Reply(ComponentUpdate(body)),
            ("provider", "auction") => ProviderAuction(body) is { } bid ? Reply(bid) : null,
            ("provider", "start") => Reply(await ProviderStartAsync(body)),
            ("provider", "stop") => Reply(await ProviderStopAsync(body)),
            ("link", "put") => Reply(await LinkPutAsync(body)),
            ("link", "del") => Reply(await LinkDeleteAsync(body)),
            ("link", "get") => Reply(await LinkGetAsync()),
            // Components here carry no signed claims yet, so the lattice's claims are the ones other hosts hold.
            ("claims", "get") => Reply(CtlResponse<List<Dictionary<string, string>>>.Ok([])),
            ("config", "put") when argument.Length > 0 => Reply(await ConfigPutAsync(argument, body)),
            ("config", "get") when argument.Length > 0 => Reply(await ConfigGetAsync(argument)),
            ("config", "del") when argument.Length > 0 => Reply(await ConfigDeleteAsync(argument)),
            ("label", "put") => Reply(await LabelPutAsync(body)),
            ("label", "del") => Reply(await LabelDeleteAsync(body)),
            ("registry", "put") => Reply(RegistryPut(body)),
            _ => Reply(CtlResponse.Fail("unsupported subject")),
        };
    }

    private static byte[] Reply<T>(CtlResponse<T> response) => LatticeJson.Encode(response);

    /// <summary>
    /// Reads a request body; a malformed one is a refusal naming the request and what is wrong with it (upstream
    /// says only "failed to deserialize …"; the reason is added here).
    /// </summary>
    private static bool TryRead<T>(byte[] body, string what, out T value, out CtlResponse<object> refusal)
    {
        try
        {
            value = LatticeJson.Decode<T>(body);
            refusal = null!;
            return true;
        }
        catch (JsonException e)
        {
            value = default!;
            refusal = CtlResponse.Fail($"failed to deserialize {what}: {(body.Length == 0 ? "the request has no body" : e.Message)}");
            return false;
        }
    }
}
