using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.KeyValueStore;
using WasmCloud.Wadm.Reconcile;
using WasmCloud.Wadm.Storage;

namespace WasmCloud.Wadm;

/// <summary>What every part of one wadm instance shares: its connection, buckets and streams, options and log.</summary>
internal sealed record WadmContext(
    INatsConnection Nats, INatsKVContext KeyValue, ManifestStore Manifests, StatusStore Statuses, AppLeases Leases, INatsKVStore State,
    WadmOptions Options, ILogger Log);
