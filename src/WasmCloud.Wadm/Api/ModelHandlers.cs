using System.Text;
using System.Text.Json;
using NATS.Client.Core;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Events;
using WasmCloud.Lattice.Wadm;
using WasmCloud.Wadm.Scaling;
using WasmCloud.Wadm.Storage;

namespace WasmCloud.Wadm.Api;

/// <summary>
/// The <c>model.*</c> operations, with upstream's results and messages (wadm 0.21 <c>server/handlers.rs</c>).
/// Every change is a compare-and-set on the application's key, retried when another wadm wrote in between.
/// </summary>
internal sealed class ModelHandlers(INatsConnection nats, ManifestStore manifests, StatusStore statuses, Action<string> changed)
{
    public const string NoStatusYet = "Waiting for status: Lattice contains no hosts, deployment not started.";

    public async Task<byte[]> PutAsync(WadmSubjects subjects, byte[] body, string? contentType)
    {
        System.Text.Json.Nodes.JsonNode tree;
        try
        {
            tree = ManifestJson.ParseText(Encoding.UTF8.GetString(body), contentType);
        }
        catch (ManifestException e)
        {
            return ApiReply.Error(e.Message);
        }
        var problems = ManifestValidator.Validate(tree);
        if (problems.FirstOrDefault(p => p.Path == "metadata.annotations.version" && p.IsError) is not null)
            return ApiReply.Error("invalid manifest version, errors: \"latest is not allowed in wadm\"");
        var rawName = (tree["metadata"] as System.Text.Json.Nodes.JsonObject)?["name"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var n) ? n.Trim() : "";
        if (!ManifestValidator.IsValidName(rawName))
            return ApiReply.Error($"Manifest name {rawName} contains invalid characters. Manifest names can only contain alphanumeric characters, dashes, and underscores.");
        if (problems.FirstOrDefault(p => p.IsError) is { } problem) return ApiReply.Error($"{problem.Path}: {problem.Message}");
        var manifest = ManifestJson.Read(tree);
        if (manifest.Version is null)
            manifest = manifest with { Annotations = new(manifest.Annotations, StringComparer.Ordinal) { [Manifest.VersionAnnotation] = TimeOrderedId.NewUlid(DateTimeOffset.UtcNow) } };
        var unshared = await MissingSharedAsync(subjects, manifest);
        while (true)
        {
            var (stored, revision) = await manifests.GetAsync(subjects, manifest.Name, CancellationToken.None);
            stored ??= new StoredManifest();
            var before = stored.CurrentVersion;
            if (!stored.Add(manifest)) return ApiReply.Error($"Manifest version {manifest.Version} already exists");
            if (!await manifests.TryPutAsync(subjects, manifest.Name, stored, revision, CancellationToken.None)) continue;
            changed(subjects.Lattice);
            var message = unshared.Count == 0
                ? $"Successfully put manifest {manifest.Name} {before}"
                : $"Successfully put manifest {manifest.Name} {before}, but some shared components are not deployed: [{string.Join(", ", unshared.Select(c => $"\"{c}\""))}]";
            return ApiReply.Of(new PutModelResponse
            {
                Result = stored.Count == 1 ? "created" : "newversion", TotalVersions = stored.Count, CurrentVersion = manifest.Version!, Message = message, Name = manifest.Name,
            });
        }
    }

    public async Task<byte[]> GetAsync(WadmSubjects subjects, string name, byte[] body)
    {
        if (!TryVersion(body, "get", out var version, out var error)) return error;
        var (stored, _) = await manifests.GetAsync(subjects, name, CancellationToken.None);
        if (stored?.Current is null) return ApiReply.Of(new GetModelResponse { Result = "notfound", Message = $"Application with the name {name} not found" });
        var manifest = version is null ? stored.Current : stored.Get(version);
        if (manifest is null) return ApiReply.Of(new GetModelResponse { Result = "notfound", Message = $"Application {name} with version {version} doesn't exist" });
        return ApiReply.Of(new GetModelResponse
        {
            Result = "success",
            Message = version is null ? $"Successfully fetched application {name}" : $"Successfully fetched application {name} {version}",
            Manifest = ManifestJson.Write(manifest),
        });
    }

    public async Task<byte[]> ListAsync(WadmSubjects subjects, bool bare)
    {
        var models = new List<ModelSummary>();
        foreach (var (name, stored) in await manifests.ListAsync(subjects, CancellationToken.None))
        {
            var status = await statuses.GetAsync(subjects, name, CancellationToken.None)
                ?? new AppStatus { Info = StatusInfo.Of(StatusType.Waiting, NoStatusYet) };
            models.Add(new ModelSummary
            {
                Name = name, Version = stored.CurrentVersion, Description = stored.Current?.Description, DeployedVersion = stored.DeployedVersion,
                DetailedStatus = status, Status = status.Info.Type == StatusType.Waiting ? StatusType.Undeployed : status.Info.Type,
                StatusMessage = status.Info.Message ?? "",
            });
        }
        return bare ? ApiReply.Of(models) : ApiReply.Of(new ListModelsResponse { Result = "success", Message = "Successfully fetched list of applications", Models = models });
    }

    public async Task<byte[]> VersionsAsync(WadmSubjects subjects, string name)
    {
        var (stored, _) = await manifests.GetAsync(subjects, name, CancellationToken.None);
        if (stored?.Current is null) return ApiReply.Of(new VersionResponse { Result = "notfound", Message = $"Application with the name {name} not found" });
        return ApiReply.Of(new VersionResponse
        {
            Result = "success", Message = $"Successfully fetched versions for application {name}",
            Versions = stored.Versions.Select(v => new VersionInfo { Version = v, Deployed = v == stored.DeployedVersion }).ToList(),
        });
    }

    public async Task<byte[]> DeleteAsync(WadmSubjects subjects, string name, byte[] body)
    {
        if (!TryVersion(body, "delete", out var version, out var error)) return error;
        while (true)
        {
            var (stored, revision) = await manifests.GetAsync(subjects, name, CancellationToken.None);
            if (stored?.Current is null)
            {
                await PublishUnpublishedAsync(subjects, name);
                return ApiReply.Of(new DeleteModelResponse { Result = "noop", Message = $"Application {name} doesn't exist or was already deleted" });
            }
            bool undeploy;
            string message;
            if (version is null)
            {
                undeploy = true;
                message = $"Successfully deleted application {name}";
                if (!await manifests.TryDeleteAsync(subjects, name, revision, CancellationToken.None)) continue;
            }
            else
            {
                var wasDeployed = stored.DeployedVersion == version;
                if (!stored.Remove(version))
                {
                    await PublishUnpublishedAsync(subjects, name);
                    return ApiReply.Of(new DeleteModelResponse { Result = "noop", Message = $"Application version {version} doesn't exist" });
                }
                if (stored.Count == 0)
                {
                    undeploy = true;
                    message = $"Successfully deleted last version of application {name}";
                    if (!await manifests.TryDeleteAsync(subjects, name, revision, CancellationToken.None)) continue;
                }
                else
                {
                    undeploy = wasDeployed;
                    message = $"Successfully deleted version {version} of application {name}";
                    if (!await manifests.TryPutAsync(subjects, name, stored, revision, CancellationToken.None)) continue;
                }
            }
            changed(subjects.Lattice);
            if (undeploy) await PublishUnpublishedAsync(subjects, name);
            return ApiReply.Of(new DeleteModelResponse { Result = "deleted", Message = message, Undeploy = undeploy });
        }
    }

    public async Task<byte[]> DeployAsync(WadmSubjects subjects, string name, byte[] body)
    {
        if (!TryVersion(body, "deploy", out var asked, out var error)) return error;
        var version = asked == "latest" ? null : asked;
        while (true)
        {
            var (stored, revision) = await manifests.GetAsync(subjects, name, CancellationToken.None);
            if (stored?.Current is null)
                return ApiReply.Of(new DeployModelResponse { Result = "notfound", Message = $"Application with the name {name} not found", Name = name, Version = asked });
            version ??= stored.CurrentVersion;
            var manifest = stored.Get(version);
            if (manifest is null)
                return ApiReply.Of(new DeployModelResponse { Result = "error", Message = $"Application with the name '{name}' does not have a version '{version}' to deploy", Name = name, Version = asked });
            var deployed = (await manifests.ListAsync(subjects, CancellationToken.None)).Where(a => a.Key != name && a.Value.Deployed is not null)
                .ToDictionary(a => a.Key, a => a.Value.Deployed!);
            foreach (var component in manifest.Components.Where(c => c.Image is not null))
            {
                var id = AppIds.ComponentId(manifest.Name, component);
                if (deployed.FirstOrDefault(d => d.Value.Components.Any(c => c.Image is not null && AppIds.ComponentId(d.Key, c) == id)) is { Key: { } other })
                    return ApiReply.Error($"Component identifier '{id}' is already deployed in a different application '{other}'.");
            }
            var missing = MissingShared(manifest, deployed.Values);
            if (missing.Count > 0)
                return ApiReply.Error($"Application contains shared components that are not deployed in other applications: [{string.Join(", ", missing.Select(m => $"\"{m}\""))}]");
            stored.DeployedVersion = version;
            if (!await manifests.TryPutAsync(subjects, name, stored, revision, CancellationToken.None)) continue;
            changed(subjects.Lattice);
            await PublishManifestEventAsync(subjects, "manifest_published", ManifestJson.Write(manifest));
            return ApiReply.Of(new DeployModelResponse { Result = "acknowledged", Message = $"Successfully deployed application {name} {version}", Name = name, Version = version });
        }
    }

    public async Task<byte[]> UndeployAsync(WadmSubjects subjects, string name, byte[] body)
    {
        if (!TryVersion(body, "undeploy", out _, out var error)) return error;
        while (true)
        {
            var (stored, revision) = await manifests.GetAsync(subjects, name, CancellationToken.None);
            if (stored?.Current is null)
                return ApiReply.Of(new DeployModelResponse { Result = "notfound", Message = $"Application with the name {name} not found", Name = name });
            var message = $"Application {name} was already undeployed";
            if (stored.DeployedVersion is not null)
            {
                stored.DeployedVersion = null;
                if (!await manifests.TryPutAsync(subjects, name, stored, revision, CancellationToken.None)) continue;
                changed(subjects.Lattice);
                message = $"Successfully undeployed application {name}";
            }
            await PublishUnpublishedAsync(subjects, name);
            return ApiReply.Of(new DeployModelResponse { Result = "acknowledged", Message = message, Name = name });
        }
    }

    public async Task<byte[]> StatusAsync(WadmSubjects subjects, string name) => ApiReply.Of(new StatusResponse
    {
        Result = "ok", Message = $"Successfully fetched status for application {name}",
        Status = await statuses.GetAsync(subjects, name, CancellationToken.None) ?? new AppStatus(),
    });

    /// <summary>The names of <paramref name="manifest"/>'s shared components that no deployed, shared application provides.</summary>
    private async Task<List<string>> MissingSharedAsync(WadmSubjects subjects, Manifest manifest)
    {
        if (manifest.Components.All(c => c.Application is null)) return [];
        var deployed = (await manifests.ListAsync(subjects, CancellationToken.None)).Values.Select(s => s.Deployed).OfType<Manifest>();
        return MissingShared(manifest, deployed);
    }

    private static List<string> MissingShared(Manifest manifest, IEnumerable<Manifest> deployed) =>
        manifest.Components.Where(c => c.Application is { } shared && !deployed.Any(d =>
            d.Name == shared.Name && d.Shared && d.Components.Any(x => x.Name == shared.Component))).Select(c => c.Name).ToList();

    private static bool TryVersion(byte[] body, string what, out string? version, out byte[] error)
    {
        version = null;
        error = [];
        if (body.Length == 0 || body.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')) return true;
        try
        {
            version = LatticeJson.Decode<VersionRequest>(body).Version;
            return true;
        }
        catch (JsonException e)
        {
            error = ApiReply.Error($"Unable to parse {what} application request: {e.Message}");
            return false;
        }
    }

    private Task PublishUnpublishedAsync(WadmSubjects subjects, string name) =>
        PublishManifestEventAsync(subjects, "manifest_unpublished", new System.Text.Json.Nodes.JsonObject { ["name"] = name });

    private async Task PublishManifestEventAsync(WadmSubjects subjects, string type, System.Text.Json.Nodes.JsonNode data)
    {
        var now = DateTimeOffset.UtcNow;
        var cloudEvent = CloudEvent.Create(type, "wadm", LatticeJson.Element(data), now) with { Type = $"com.wadm.{type}" };
        await nats.PublishAsync(subjects.ManifestEvent(type), LatticeJson.Encode(cloudEvent));
    }
}
