namespace NatsBench;

/// <summary>What one client achieved: publish throughput and request/reply round trips.</summary>
internal sealed record Measurement(double PublishPerSecond, double P50Micros, double P99Micros);
