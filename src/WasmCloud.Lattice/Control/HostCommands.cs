using System.Text.Json.Serialization;

namespace WasmCloud.Lattice.Control;

/// <summary><c>host.stop.{host_id}</c>; the body may be empty. <c>timeout</c> is in milliseconds (as upstream's client and host treat it).</summary>
public sealed record StopHostCommand
{
    [JsonPropertyName("host_id")] public string HostId { get; set; } = "";
    [JsonPropertyName("timeout")] public ulong? Timeout { get; set; }
}

/// <summary><c>label.put.{host_id}</c>.</summary>
public sealed record HostLabel
{
    [JsonPropertyName("key"), JsonRequired] public string Key { get; set; } = "";
    [JsonPropertyName("value"), JsonRequired] public string Value { get; set; } = "";
}

/// <summary><c>label.del.{host_id}</c>.</summary>
public sealed record HostLabelIdentifier
{
    [JsonPropertyName("key"), JsonRequired] public string Key { get; set; } = "";
}

/// <summary>One registry's credentials in <c>registry.put</c> (a map from registry host to these).</summary>
public sealed record RegistryCredential
{
    [JsonPropertyName("password")] public string? Password { get; set; }
    [JsonPropertyName("token")] public string? Token { get; set; }
    [JsonPropertyName("username")] public string? Username { get; set; }

    /// <summary>Upstream spells this one key in camelCase.</summary>
    [JsonPropertyName("registryType")] public string RegistryType { get; set; } = "oci";
}
