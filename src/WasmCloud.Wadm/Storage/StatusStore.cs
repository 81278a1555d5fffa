using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Wadm;

namespace WasmCloud.Wadm.Storage;

/// <summary>
/// Application status as messages on <c>wadm.status.{lattice}.{name}</c>, kept by the <c>wadm_status</c> stream
/// (the last ten per application): anyone may subscribe to changes, and the last message is the current status.
/// </summary>
internal sealed class StatusStore(INatsConnection nats, INatsJSStream stream)
{
    public static async Task<StatusStore> OpenAsync(INatsConnection nats, INatsJSContext js, CancellationToken cancel)
    {
        var config = new StreamConfig(WadmSubjects.StatusStream, ["wadm.status.*.*"]) { MaxMsgsPerSubject = 10, Storage = StreamConfigStorage.File };
        var stream = await js.CreateOrUpdateStreamAsync(config, cancel);
        return new StatusStore(nats, stream);
    }

    public async Task PublishAsync(WadmSubjects subjects, string name, AppStatus status, CancellationToken cancel) =>
        await nats.PublishAsync(subjects.Status(name), LatticeJson.Encode(status), cancellationToken: cancel);

    /// <summary>The application's last published status, or null when none was.</summary>
    public async Task<AppStatus?> GetAsync(WadmSubjects subjects, string name, CancellationToken cancel)
    {
        try
        {
            var message = await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = subjects.Status(name) }, cancel);
            return message.Message.Data is { Length: > 0 } data ? LatticeJson.Decode<AppStatus>(data.Span) : null;
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            return null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
