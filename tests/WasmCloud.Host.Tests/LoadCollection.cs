namespace WasmCloud.Host.Tests;

/// <summary>
/// Tests that load the machine on purpose (a thousand concurrent requests, several hosts in this process) run on their
/// own, not beside other test classes, whose hosts would otherwise miss their reply deadlines on a two-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadCollection
{
    public const string Name = "load";
}
