namespace System.Runtime.CompilerServices;

/// <summary>
/// Recognised by the runtime by name: applied to each emitted assembly so that compiled guest code may
/// use the engine's internal fields and helpers without making them public API.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
internal sealed class IgnoresAccessChecksToAttribute : Attribute
{
    public IgnoresAccessChecksToAttribute(string assemblyName) => AssemblyName = assemblyName;

    public string AssemblyName { get; }
}
