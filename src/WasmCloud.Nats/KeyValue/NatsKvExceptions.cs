using WasmCloud.Nats.JetStream;

namespace WasmCloud.Nats.KeyValue;

/// <summary>A compare-and-set failed: the key's latest revision is not the one expected.</summary>
public class NatsKvWrongRevisionException(ApiError error) : NatsJetStreamException(error);

/// <summary>Create failed because the key already has a value.</summary>
public sealed class NatsKvKeyExistsException(ApiError error) : NatsKvWrongRevisionException(error);
