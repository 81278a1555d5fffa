namespace WasmCloud.Components.Types;

/// <summary>
/// A resource type as validation sees it. Two identities name the same resource when their
/// <see cref="Canonical"/> identities are the same object. Every import or export of a resource creates an
/// <see cref="Alias"/>: the same resource under a new name, because the external-visibility rules track which
/// names were imported or exported (a function may only be exported if the resources it mentions were).
/// </summary>
public sealed class ResourceIdentity
{
    private readonly string _description;

    public ResourceIdentity(string description)
    {
        _description = description;
        Canonical = this;
    }

    private ResourceIdentity(ResourceIdentity canonical)
    {
        _description = canonical._description;
        Canonical = canonical;
    }

    /// <summary>The resource itself, shared by all its aliases.</summary>
    public ResourceIdentity Canonical { get; }

    public ResourceIdentity Alias() => new(Canonical);

    public bool IsSameResource(ResourceIdentity other) => ReferenceEquals(Canonical, other.Canonical);

    public override string ToString() => _description;
}
