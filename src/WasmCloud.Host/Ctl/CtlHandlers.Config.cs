using System.Text.Json;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Events;

namespace WasmCloud.Host.Ctl;

internal sealed partial class CtlHandlers
{
    private async Task<CtlResponse<object>> ConfigPutAsync(string name, byte[] body)
    {
        Dictionary<string, string> values;
        try
        {
            values = LatticeJson.Decode<Dictionary<string, string>>(body);
        }
        catch (JsonException)
        {
            return CtlResponse.Fail("config data should be a map of string -> string");
        }
        await host.State.ConfigData.PutAsync(name, LatticeJson.Encode(values));
        host.State.RememberConfig(name, values);
        await host.Events.PublishAsync(EventNames.ConfigSet, new ConfigChanged { ConfigName = name });
        return CtlResponse.Ok("successfully put config");
    }

    private async Task<CtlResponse<Dictionary<string, string>>> ConfigGetAsync(string name)
    {
        // Any host of the queue group answers: it first takes in what other hosts wrote.
        await host.State.CatchUpAsync();
        return host.State.Config(name) is { } values
            ? CtlResponse<Dictionary<string, string>>.Ok(values)
            : new CtlResponse<Dictionary<string, string>> { Success = true, Message = "Configuration not found" };
    }

    private async Task<CtlResponse<object>> ConfigDeleteAsync(string name)
    {
        await host.State.ConfigData.PurgeAsync(name);
        host.State.RememberConfig(name, null);
        await host.Events.PublishAsync(EventNames.ConfigDeleted, new ConfigChanged { ConfigName = name });
        return CtlResponse.Ok("successfully deleted config");
    }
}
