namespace WasmCloud.Nats.KeyValue;

public sealed record KvWatchOptions
{
    /// <summary>Start with every kept revision instead of only the latest per key.</summary>
    public bool IncludeHistory { get; init; }

    /// <summary>Skip the current values; only changes from now on.</summary>
    public bool UpdatesOnly { get; init; }

    /// <summary>Deliver entries without their values (cheaper, e.g. for listing keys).</summary>
    public bool MetaOnly { get; init; }

    /// <summary>Leave delete and purge markers out.</summary>
    public bool IgnoreDeletes { get; init; }
}
