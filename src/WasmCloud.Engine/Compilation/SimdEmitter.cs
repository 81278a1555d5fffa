using System.Reflection;
using WasmCloud.Wasm.Format;

namespace WasmCloud.Wasm.Compilation;

/// <summary>The helper compiled code calls for each SIMD sub-opcode, collected from <see cref="SimdOpcodeAttribute"/>s.</summary>
internal static class SimdEmitter
{
    private static readonly Type[] HelperTypes =
    [
        typeof(SimdLanes), typeof(SimdMemory), typeof(SimdBitwise), typeof(SimdComparisons), typeof(SimdShifts),
        typeof(SimdArithmetic), typeof(SimdFloatArithmetic), typeof(SimdWidening), typeof(SimdConversions),
    ];

    private static readonly MethodInfo?[] Helpers = Collect();

    public static MethodInfo Helper(uint subOpcode) =>
        (subOpcode < Helpers.Length ? Helpers[subOpcode] : null) ?? throw new WasmException($"SIMD instruction 0xfd 0x{subOpcode:x} cannot be compiled");

    private static MethodInfo?[] Collect()
    {
        var helpers = new MethodInfo?[0x100];
        foreach (var type in HelperTypes)
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static))
            {
                foreach (var attribute in method.GetCustomAttributes<SimdOpcodeAttribute>())
                {
                    if (helpers[attribute.SubOpcode] is not null || SimdOps.Of((uint)attribute.SubOpcode) is null)
                        throw new InvalidOperationException($"SIMD helper {type.Name}.{method.Name} claims sub-opcode 0x{attribute.SubOpcode:x}, taken or reserved");
                    helpers[attribute.SubOpcode] = attribute.LaneType is { } lane ? method.MakeGenericMethod(lane) : method;
                }
            }
        }
        return helpers;
    }
}
