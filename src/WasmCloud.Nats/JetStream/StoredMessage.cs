namespace WasmCloud.Nats.JetStream;

/// <summary>A message read back from a stream.</summary>
public sealed record StoredMessage(string Subject, ulong Sequence, NatsHeaders? Headers, ReadOnlyMemory<byte> Data, DateTimeOffset Time);
