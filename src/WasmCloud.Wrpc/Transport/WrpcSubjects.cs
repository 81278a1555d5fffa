namespace WasmCloud.Wrpc.Transport;

/// <summary>
/// wRPC 0.0.1 subjects on NATS: <c>{prefix}.wrpc.0.0.1.{instance}.{func}</c>, or <c>{prefix}.wrpc.0.0.1.{func}</c>
/// for a function of the world itself; in wasmCloud the prefix is <c>{lattice}.{component or provider id}</c> and
/// servers use it as their queue group too. <c>[method]r.m</c> and <c>[static]r.m</c> are served as <c>r.m</c>.
/// </summary>
public static class WrpcSubjects
{
    public const string Version = "0.0.1";

    public static string Prefix(string lattice, string id) => $"{lattice}.{id}";

    public static string Invocation(string prefix, string? instance, string function)
    {
        var name = function.StartsWith("[method]", StringComparison.Ordinal) ? function["[method]".Length..]
            : function.StartsWith("[static]", StringComparison.Ordinal) ? function["[static]".Length..]
            : function;
        return instance is { Length: > 0 } ? $"{prefix}.wrpc.{Version}.{instance}.{name}" : $"{prefix}.wrpc.{Version}.{name}";
    }

    /// <summary>
    /// A fresh inbox for one call. Not the connection's own inbox prefix: NATS.Net serves that through one
    /// <c>_INBOX.{id}.*</c> subscription, which never sees the deeper <c>.results</c> and <c>.params</c> subjects.
    /// </summary>
    public static string NewInbox() => $"_INBOX.{Guid.NewGuid():N}";

    public static string Params(string serverInbox) => serverInbox + ".params";

    public static string Results(string clientInbox) => clientInbox + ".results";

    /// <summary>
    /// Where an async value (a stream or future) inside the parameters or results travels: <c>{stream}.{path}</c>, the
    /// path being the value's record-field, tuple-member and element indexes joined by dots (<c>Rc.results.0.0</c>).
    /// </summary>
    public static string Path(string stream, string path) => $"{stream}.{path}";
}
