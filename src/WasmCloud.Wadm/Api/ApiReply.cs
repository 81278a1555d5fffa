using WasmCloud.Lattice;
using WasmCloud.Lattice.Wadm;

namespace WasmCloud.Wadm.Api;

/// <summary>A handler's answer: the JSON body sent back to the requester.</summary>
internal static class ApiReply
{
    public static byte[] Of<T>(T response) => LatticeJson.Encode(response);

    public static byte[] Error(string message) => LatticeJson.Encode(new WadmError { Message = message });
}
