using WasmCloud.Components.Types;

namespace WasmCloud.Components.Translation;

/// <summary>
/// A validated component ready to instantiate: its type and the ordered initializer steps that build an
/// instance (the role of Wasmtime's <c>GlobalInitializer</c> list). Nested components have their own plans.
/// <see cref="ResourceSlots"/> maps each resource the component's types mention to the type slot that holds
/// its runtime type.
/// </summary>
internal sealed record ComponentPlan(Step[] Steps, ComponentTypeInfo Type, IReadOnlyDictionary<ResourceIdentity, int> ResourceSlots);
