using System.Reflection;

namespace WasmCloud.Host;

/// <summary>The host's version as it reports it in pings, inventories and heartbeats (semver, as wadm requires).</summary>
internal static class HostVersion
{
    public static string Current { get; } =
        typeof(HostVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.1.0";
}
