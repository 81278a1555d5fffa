namespace WasmCloud.Lattice.Events;

/// <summary>The names of the lattice events (the last token of their subject, the tail of their type).</summary>
public static class EventNames
{
    public const string HostStarted = "host_started";
    public const string HostStopped = "host_stopped";
    public const string HostHeartbeat = "host_heartbeat";
    public const string ComponentScaled = "component_scaled";
    public const string ComponentScaleFailed = "component_scale_failed";
    public const string ProviderStarted = "provider_started";
    public const string ProviderStartFailed = "provider_start_failed";
    public const string ProviderStopped = "provider_stopped";
    public const string HealthCheckPassed = "health_check_passed";
    public const string HealthCheckFailed = "health_check_failed";
    public const string HealthCheckStatus = "health_check_status";
    public const string LinkdefSet = "linkdef_set";
    public const string LinkdefSetFailed = "linkdef_set_failed";
    public const string LinkdefDeleted = "linkdef_deleted";
    public const string ConfigSet = "config_set";
    public const string ConfigDeleted = "config_deleted";
    public const string LabelsChanged = "labels_changed";
}
