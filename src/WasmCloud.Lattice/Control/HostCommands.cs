using System.Text.Json.Serialization;

namespace WasmCloud.Lattice.Control;

/// <summary><c>host.stop.{host_id}</c>; the body may be empty. <c>timeout</c> is in milliseconds (as upstream's client and host treat it).</summary>
public sealed record StopHostCommand
{
    [JsonPropertyName("host_id")] public string HostId { get; init; } = "";
    [JsonPropertyName("timeout")] public ulong? Timeout { get; init; }
}

/// <summary><c>label.put.{host_id}</c>.</summary>
public sealed record HostLabel
{
    [JsonPropertyName("key"), JsonRequired] public string Key { get; init; } = "";
    [JsonPropertyName("value"), JsonRequired] public string Value { get; init; } = "";
}

/// <summary><c>label.del.{host_id}</c>.</summary>
public sealed record HostLabelIdentifier
{
    [JsonPropertyName("key"), JsonRequired] public string Key { get; init; } = "";
}

/// <summary>One registry's credentials in <c>registry.put</c> (a map from registry host to these).</summary>
public sealed record RegistryCredential
{
    [JsonPropertyName("password")] public string? Password { get; init; }
    [JsonPropertyName("token")] public string? Token { get; init; }
    [JsonPropertyName("username")] public string? Username { get; init; }

    /// <summary>Upstream spells this one key in camelCase.</summary>
    [JsonPropertyName("registryType")] public string RegistryType { get; init; } = "oci";
}
