namespace WasmCloud.Host.Policy;

/// <summary>
/// Where the host asks before it starts a component or provider and before each invocation. Today every
/// request is allowed; a policy service (<c>--policy-topic</c>) plugs in here.
/// </summary>
internal interface IHostPolicy
{
    ValueTask<PolicyDecision> StartComponentAsync(string componentId, string reference, CancellationToken cancel);
    ValueTask<PolicyDecision> StartProviderAsync(string providerId, string reference, CancellationToken cancel);
    ValueTask<PolicyDecision> InvokeAsync(string sourceId, string targetId, string operation, CancellationToken cancel);
}

internal readonly record struct PolicyDecision(bool Permitted, string? Message = null)
{
    public static PolicyDecision Allow => new(true);
}

/// <summary>The policy of a host started without a policy service.</summary>
internal sealed class AllowAllPolicy : IHostPolicy
{
    public ValueTask<PolicyDecision> StartComponentAsync(string componentId, string reference, CancellationToken cancel) => new(PolicyDecision.Allow);
    public ValueTask<PolicyDecision> StartProviderAsync(string providerId, string reference, CancellationToken cancel) => new(PolicyDecision.Allow);
    public ValueTask<PolicyDecision> InvokeAsync(string sourceId, string targetId, string operation, CancellationToken cancel) => new(PolicyDecision.Allow);
}
