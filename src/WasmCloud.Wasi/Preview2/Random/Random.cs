using System.Security.Cryptography;
using WasmCloud.Components;
using WasmCloud.Components.Runtime;

namespace WasmCloud.Wasi.Preview2.Random;

/// <summary>
/// wasi:random's three interfaces (random, insecure, insecure-seed), together because each is two lines:
/// the secure ones from the OS's cryptographic generator, the insecure ones from a fast seeded generator.
/// </summary>
internal static class Random
{
    // Bytes one call may ask for: the guest passes a u64 and the list must fit in its memory.
    private const int MaxBytes = 16 * 1024 * 1024;

    public static void Define(ComponentLinker linker)
    {
        var bytes = Wit.Func(Wit.Bytes, ("len", Wit.U64));
        new HostInterface("wasi:random/random")
            .Function("get-random-bytes", bytes, args => Val.Bytes(RandomNumberGenerator.GetBytes(Val.ToLength(args[0], MaxBytes))))
            .Function("get-random-u64", Wit.Func(Wit.U64), _ => Val.U64(BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8))))
            .DefineIn(linker);
        new HostInterface("wasi:random/insecure")
            .Function("get-insecure-random-bytes", bytes, args =>
            {
                var buffer = new byte[Val.ToLength(args[0], MaxBytes)];
                System.Random.Shared.NextBytes(buffer);
                return Val.Bytes(buffer);
            })
            .Function("get-insecure-random-u64", Wit.Func(Wit.U64), _ => Val.U64(System.Random.Shared.NextInt64()))
            .DefineIn(linker);
        // The seed is meant for hash-map keys: the same for the whole instance, different between runs.
        var seed = new TupleValue([Val.U64(System.Random.Shared.NextInt64()), Val.U64(System.Random.Shared.NextInt64())]);
        new HostInterface("wasi:random/insecure-seed")
            .Function("insecure-seed", Wit.Func(Wit.Tuple(Wit.U64, Wit.U64)), _ => seed)
            .DefineIn(linker);
    }
}
