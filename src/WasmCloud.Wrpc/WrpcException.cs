namespace WasmCloud.Wrpc;

/// <summary>A wRPC call that failed: a payload that does not decode, no one serving the target, a timeout, a closed stream.</summary>
public class WrpcException(string message) : Exception(message);

/// <summary>A payload that is not a valid encoding of the value it should hold (truncated, malformed, out of range).</summary>
public sealed class WrpcDecodeException(string message) : WrpcException(message);
