using WasmCloud.Components;
using WasmCloud.Components.Types;
using WasmCloud.Wasi.Preview2;

namespace WasmCloud.Host.Capabilities.KeyValue;

/// <summary>
/// Every <c>wasi:keyvalue</c> operation once: its interface, name, the parameters after the bucket, its result type, and
/// what it does to a backend. A guest reaches them with a bucket resource (<c>wasi:keyvalue</c>), the lattice with the
/// bucket's name (<c>wrpc:keyvalue</c>, upstream's wRPC form); both are built from this one table.
/// </summary>
internal static class KeyValueOperations
{
    public const string Version = "0.2.0-draft";

    public delegate Task<ComponentValue?> Body(IKeyValueBackend backend, string bucket, ComponentValue[] args, CancellationToken cancel);

    public sealed record Operation(string Interface, string Name, (string Name, ValType Type)[] Parameters, ValType? Ok, Body Run)
    {
        public ValType Result => Wit.Result(Ok, Error);

        /// <summary>The function as <c>wrpc:keyvalue</c> has it: the bucket by name first.</summary>
        public FuncType WrpcType => Wit.Func(Result, [("bucket", Wit.String), .. Parameters]);

        public string WrpcInstance => $"wrpc:keyvalue/{Interface}@{Version}";
    }

    public static readonly ValType Error = Wit.Variant(("no-such-store", null), ("access-denied", null), ("other", Wit.String));
    public static readonly ValType KeyResponse = Wit.Record(("keys", Wit.List(Wit.String)), ("cursor", Wit.Option(Wit.U64)));
    private static readonly ValType Pair = Wit.Tuple(Wit.String, Wit.Bytes);

    public static readonly Operation[] All =
    [
        new("store", "get", [("key", Wit.String)], Wit.Option(Wit.Bytes),
            async (b, bucket, a, c) => await b.GetAsync(bucket, Val.ToText(a[0]), c) is { } value ? Val.Some(Val.Bytes(value)) : Val.None),
        new("store", "set", [("key", Wit.String), ("value", Wit.Bytes)], null,
            async (b, bucket, a, c) => { await b.SetAsync(bucket, Val.ToText(a[0]), Val.ToBytes(a[1]), c); return null; }),
        new("store", "delete", [("key", Wit.String)], null,
            async (b, bucket, a, c) => { await b.DeleteAsync(bucket, Val.ToText(a[0]), c); return null; }),
        new("store", "exists", [("key", Wit.String)], Wit.Bool,
            async (b, bucket, a, c) => ComponentValue.Bool(await b.ExistsAsync(bucket, Val.ToText(a[0]), c))),
        new("store", "list-keys", [("cursor", Wit.Option(Wit.U64))], KeyResponse, async (b, bucket, a, c) =>
        {
            var cursor = Val.ToVariant(a[0]) is ("some", { } at) ? Val.ToU64(at) : (ulong?)null;
            var (keys, next) = await b.ListKeysAsync(bucket, cursor, c);
            return new RecordValue([("keys", new ListValue(keys.Select(ComponentValue.String).ToList())), ("cursor", next is { } n ? Val.Some(Val.U64(n)) : Val.None)]);
        }),
        new("atomics", "increment", [("key", Wit.String), ("delta", Wit.U64)], Wit.U64,
            async (b, bucket, a, c) => Val.U64(await b.IncrementAsync(bucket, Val.ToText(a[0]), Val.ToU64(a[1]), c))),
        new("batch", "get-many", [("keys", Wit.List(Wit.String))], Wit.List(Wit.Option(Pair)), async (b, bucket, a, c) =>
        {
            var found = new List<ComponentValue>();
            foreach (var key in Val.ToList(a[0]).Select(Val.ToText))
                found.Add(await b.GetAsync(bucket, key, c) is { } value ? Val.Some(new TupleValue([ComponentValue.String(key), Val.Bytes(value)])) : Val.None);
            return new ListValue(found);
        }),
        new("batch", "set-many", [("key-values", Wit.List(Pair))], null, async (b, bucket, a, c) =>
        {
            foreach (var entry in Val.ToList(a[0]).Cast<TupleValue>()) await b.SetAsync(bucket, Val.ToText(entry.Elements[0]), Val.ToBytes(entry.Elements[1]), c);
            return null;
        }),
        new("batch", "delete-many", [("keys", Wit.List(Wit.String))], null, async (b, bucket, a, c) =>
        {
            foreach (var key in Val.ToList(a[0]).Select(Val.ToText)) await b.DeleteAsync(bucket, key, c);
            return null;
        }),
    ];

    /// <summary>Runs an operation as the interface answers: <c>ok(value)</c>, or the failure as its error.</summary>
    public static async Task<ComponentValue> AnswerAsync(Operation operation, Func<Task<(IKeyValueBackend Backend, string Bucket)>> open, ComponentValue[] args, CancellationToken cancel)
    {
        try
        {
            var (backend, bucket) = await open();
            return Val.Ok(await operation.Run(backend, bucket, args, cancel));
        }
        catch (KeyValueException e)
        {
            return Failure(e);
        }
    }

    public static ComponentValue Failure(KeyValueException e) => Val.Error(e.Error switch
    {
        KeyValueError.NoSuchStore => new VariantValue("no-such-store", null),
        KeyValueError.AccessDenied => new VariantValue("access-denied", null),
        _ => new VariantValue("other", ComponentValue.String(e.Message)),
    });
}
