using WasmCloud.Wasm.Decoding;
using WasmCloud.Wasm.Format;
using static WasmCloud.Wasm.Decoding.InstructionImmediates;

namespace WasmCloud.Wasm.Validation;

internal sealed partial class FunctionValidator
{
    private void ValidateSimd(uint subOpcode, WasmReader r)
    {
        var instruction = SimdOps.Of(subOpcode)
            ?? throw new MalformedModuleException($"illegal opcode 0xfd 0x{subOpcode:x}", _instructionOffset);
        switch (instruction.Immediate)
        {
            case SimdImmediate.MemArg or SimdImmediate.MemArgLane:
            {
                var memArg = ReadMemArg(r);
                RequireMemory();
                if (memArg.Align > instruction.AlignLog2) throw Error("alignment must not be larger than natural");
                if (instruction.Immediate == SimdImmediate.MemArgLane) ReadLane(r, instruction.LaneCount);
                break;
            }
            case SimdImmediate.Lane: ReadLane(r, instruction.LaneCount); break;
            case SimdImmediate.Bytes16: ReadV128(r); break;
            case SimdImmediate.ShuffleLanes:
                for (var i = 0; i < 16; i++) ReadLane(r, instruction.LaneCount);
                break;
        }
        PopAll(instruction.Operands);
        PushAll(instruction.Results);
    }

    private void ReadLane(WasmReader r, int laneCount)
    {
        if (r.ReadByte() >= laneCount) throw Error("invalid lane index");
    }
}
