using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace WasmCloud.Lattice.Wadm;

// wadm's NATS API (wadm-types 0.8.3, api.rs): every response reads the two-field error body
// {"result":"error","message":…} too, so every field but result and message has a default.

public sealed record PutModelResponse
{
    [JsonPropertyName("result")] public string Result { get; set; } = "";
    [JsonPropertyName("total_versions")] public int TotalVersions { get; set; }
    [JsonPropertyName("current_version")] public string CurrentVersion { get; set; } = "";
    [JsonPropertyName("message")] public string Message { get; set; } = "";
    [JsonPropertyName("name")] public string Name { get; set; } = "";
}

/// <summary>The body of <c>model.get</c>, <c>model.del</c> and <c>model.deploy</c>: an optional version.</summary>
public sealed record VersionRequest
{
    [JsonPropertyName("version")] public string? Version { get; set; }
}

public sealed record GetModelResponse
{
    [JsonPropertyName("result")] public string Result { get; set; } = "";
    [JsonPropertyName("message")] public string Message { get; set; } = "";
    [JsonPropertyName("manifest")] public JsonObject? Manifest { get; set; }
}

public sealed record ListModelsResponse
{
    [JsonPropertyName("result")] public string Result { get; set; } = "";
    [JsonPropertyName("message")] public string Message { get; set; } = "";
    [JsonPropertyName("models")] public List<ModelSummary> Models { get; set; } = [];
}

public sealed record ModelSummary
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("version")] public string Version { get; set; } = "";

    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Description { get; set; }

    [JsonPropertyName("deployed_version"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? DeployedVersion { get; set; }

    [JsonPropertyName("detailed_status")] public AppStatus DetailedStatus { get; set; } = new();

    /// <summary>Deprecated: the status type for clients before wadm 0.14, with <c>waiting</c> shown as <c>undeployed</c>.</summary>
    [JsonPropertyName("status")] public string Status { get; set; } = StatusType.Undeployed;

    [JsonPropertyName("status_message"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? StatusMessage { get; set; }
}

public sealed record VersionResponse
{
    [JsonPropertyName("result")] public string Result { get; set; } = "";
    [JsonPropertyName("message")] public string Message { get; set; } = "";
    [JsonPropertyName("versions")] public List<VersionInfo> Versions { get; set; } = [];
}

public sealed record VersionInfo
{
    [JsonPropertyName("version")] public string Version { get; set; } = "";
    [JsonPropertyName("deployed")] public bool Deployed { get; set; }
}

public sealed record DeleteModelResponse
{
    [JsonPropertyName("result")] public string Result { get; set; } = "";
    [JsonPropertyName("message")] public string Message { get; set; } = "";
    [JsonPropertyName("undeploy")] public bool Undeploy { get; set; }
}

public sealed record DeployModelResponse
{
    [JsonPropertyName("result")] public string Result { get; set; } = "";
    [JsonPropertyName("message")] public string Message { get; set; } = "";
    [JsonPropertyName("name")] public string Name { get; set; } = "";

    [JsonPropertyName("version"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Version { get; set; }
}

public sealed record StatusResponse
{
    [JsonPropertyName("result")] public string Result { get; set; } = "";
    [JsonPropertyName("message")] public string Message { get; set; } = "";
    [JsonPropertyName("status")] public AppStatus? Status { get; set; }
}

/// <summary>The body wadm sends for every error, whatever was asked.</summary>
public sealed record WadmError
{
    [JsonPropertyName("result")] public string Result { get; set; } = "error";
    [JsonPropertyName("message")] public string Message { get; set; } = "";
}

/// <summary>An application's status: its own, summed from its scalers', and each scaler's.</summary>
public sealed record AppStatus
{
    [JsonPropertyName("status")] public StatusInfo Info { get; set; } = new();

    [JsonPropertyName("scalers")]
    public List<ScalerStatus>? Scalers { get; set; }

    /// <summary>Deprecated, always written empty.</summary>
    [JsonPropertyName("version")] public string Version { get; set; } = "";

    /// <summary>Deprecated, always written empty.</summary>
    [JsonPropertyName("components")] public List<JsonObject> Components { get; set; } = [];

    /// <summary>The status of an application made of <paramref name="scalers"/>: their sum, their messages joined.</summary>
    public static AppStatus Of(List<ScalerStatus> scalers) => new()
    {
        Info = new StatusInfo
        {
            Type = StatusType.Sum(scalers.Select(s => s.Status.Type)),
            Message = NullIfEmpty(string.Join(", ", scalers.Select(s => s.Status.Message?.Trim()).Where(m => !string.IsNullOrEmpty(m)))),
        },
        Scalers = scalers.Count == 0 ? null : scalers,
    };

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}

public sealed record StatusInfo
{
    [JsonPropertyName("type")] public string Type { get; set; } = StatusType.Undeployed;
    [JsonPropertyName("message")] public string? Message { get; set; }

    public static StatusInfo Of(string type, string? message = null) => new() { Type = type, Message = string.IsNullOrEmpty(message) ? null : message };
}

public sealed record ScalerStatus
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("status")] public StatusInfo Status { get; set; } = new();
}

/// <summary>The status types, lowercase on the wire; <c>compensating</c> and <c>ready</c> are read as their new names.</summary>
public static class StatusType
{
    public const string Waiting = "waiting";
    public const string Undeployed = "undeployed";
    public const string Reconciling = "reconciling";
    public const string Deployed = "deployed";
    public const string Failed = "failed";
    public const string Unhealthy = "unhealthy";

    public static string Normalize(string type) => type switch
    {
        "compensating" => Reconciling,
        "ready" => Deployed,
        _ => type,
    };

    /// <summary>wadm's sum of statuses: all equal gives that one; else failed, undeployed, waiting, reconciling, unhealthy win in that order.</summary>
    public static string Sum(IEnumerable<string> types)
    {
        var all = types.Select(Normalize).ToList();
        if (all.Count == 0) return Undeployed;
        if (all.All(t => t == all[0])) return all[0];
        foreach (var winner in new[] { Failed, Undeployed, Waiting, Reconciling, Unhealthy })
            if (all.Contains(winner)) return winner;
        return Deployed;
    }
}
