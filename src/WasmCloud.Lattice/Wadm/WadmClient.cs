using System.Text.Json;
using NATS.Client.Core;

namespace WasmCloud.Lattice.Wadm;

/// <summary>A client of wadm's NATS API for one lattice, as wash's <c>app</c> commands use it.</summary>
public sealed class WadmClient(INatsConnection nats, WadmSubjects subjects)
{
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    public WadmSubjects Subjects { get; } = subjects;

    public Task<PutModelResponse> PutAsync(byte[] manifest, string? contentType = null, CancellationToken cancel = default) =>
        RequestAsync<PutModelResponse>(Subjects.Model("put"), manifest, contentType, cancel);

    public Task<GetModelResponse> GetAsync(string name, string? version = null, CancellationToken cancel = default) =>
        RequestAsync<GetModelResponse>(Subjects.Model("get", name), Version(version), null, cancel);

    public Task<ListModelsResponse> ListAsync(CancellationToken cancel = default) =>
        RequestAsync<ListModelsResponse>(Subjects.Model("get"), [], null, cancel);

    public Task<VersionResponse> VersionsAsync(string name, CancellationToken cancel = default) =>
        RequestAsync<VersionResponse>(Subjects.Model("versions", name), [], null, cancel);

    public Task<DeleteModelResponse> DeleteAsync(string name, string? version = null, CancellationToken cancel = default) =>
        RequestAsync<DeleteModelResponse>(Subjects.Model("del", name), Version(version), null, cancel);

    public Task<DeployModelResponse> DeployAsync(string name, string? version = null, CancellationToken cancel = default) =>
        RequestAsync<DeployModelResponse>(Subjects.Model("deploy", name), Version(version), null, cancel);

    public Task<DeployModelResponse> UndeployAsync(string name, CancellationToken cancel = default) =>
        RequestAsync<DeployModelResponse>(Subjects.Model("undeploy", name), "{}"u8.ToArray(), null, cancel);

    public Task<StatusResponse> StatusAsync(string name, CancellationToken cancel = default) =>
        RequestAsync<StatusResponse>(Subjects.Model("status", name), [], null, cancel);

    private static byte[] Version(string? version) => version is null ? [] : LatticeJson.Encode(new VersionRequest { Version = version });

    private async Task<T> RequestAsync<T>(string subject, byte[] body, string? contentType, CancellationToken cancel)
    {
        NatsMsg<byte[]> reply;
        var headers = contentType is null ? null : new NatsHeaders { ["Content-Type"] = contentType };
        try
        {
            reply = await nats.RequestAsync<byte[], byte[]>(subject, body, headers, replyOpts: new NatsSubOpts { Timeout = Timeout }, cancellationToken: cancel);
        }
        catch (NatsNoRespondersException)
        {
            throw NoWadm(subject);
        }
        catch (NatsNoReplyException)
        {
            throw new LatticeException($"wadm did not answer on {subject} within {Timeout.TotalSeconds:0.#} s");
        }
        if (reply.HasNoResponders) throw NoWadm(subject);
        try
        {
            return LatticeJson.Decode<T>(reply.Data ?? []);
        }
        catch (JsonException e)
        {
            throw new LatticeException($"the reply on {subject} is not a wadm response: {e.Message}");
        }
    }

    private LatticeException NoWadm(string subject) => new(
        $"no wadm answers on {subject} in lattice `{Subjects.Lattice}`: start one with `wash up` (which runs wadm unless given --disable-wadm) or run the `wadm` executable against this NATS server");
}
