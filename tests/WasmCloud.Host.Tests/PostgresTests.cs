using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Components.Types;
using WasmCloud.Components.Wave;
using WasmCloud.Lattice.Control;
using WasmCloud.Testing;
using WasmCloud.Wasm;
using WasmCloud.Wrpc.Encoding;
using WasmCloud.Wrpc.Transport;

namespace WasmCloud.Host.Tests;

/// <summary>
/// <c>wasmcloud:postgres@0.1.1-draft</c> through the builtin sqldb-postgres provider against a real PostgreSQL:
/// examples/postgres-query (a component that relays SQL to the interface) is called over wRPC, its parameters and
/// rows in WAVE. Every column type round-trips, SQL in a parameter stays data, each error variant appears, and the
/// server stopped mid-test fails the calls until it is back — with the provider on the component's host and on another.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class PostgresTests : InProcessHosts
{
    private const string Run = "example:postgres-query/run";
    private static readonly string Relay = Repository.PathOf("examples/postgres-query/query.wasm");
    private static readonly Lazy<ComponentTypeInfo> RelayType = new(() => Component.FromBytes(new Engine(), File.ReadAllBytes(Relay)).Type);

    /// <summary>Column type, the value sent, and the value that comes back when it differs (an alias comes back as its type's case).</summary>
    private static readonly (string Column, string Sent, string? Expected)[] Columns =
    [
        ("int2", "int2(-7)", null),
        ("int2", "small-int(12)", "int2(12)"),
        ("int4", "int4(123456)", null),
        ("int4", "serial(7)", "int4(7)"),
        ("int8", "int8(-9000000000000000)", null),
        ("int8", "big-serial(5)", "int8(5)"),
        ("bool", "bool(true)", null),
        ("bool", "boolean(false)", "bool(false)"),
        ("float4", "real((12582912, -23, 1))", "float4((12582912, -23, 1))"),
        ("float8", "float8((7074237752028440, -51, 1))", null),
        ("float8", "double((4503599627370496, -52, -1))", "float8((4503599627370496, -52, -1))"),
        ("numeric", "numeric(\"12345.678900\")", null),
        ("numeric", "decimal(\"-0.5\")", "numeric(\"-0.5\")"),
        // Past .NET decimal's 28 digits, tiny, and the values decimal has no form for.
        ("numeric", "numeric(\"123456789012345678901234567890.1234567890123\")", null),
        ("numeric", "numeric(\"-0.00000000000000000000000000000000000001\")", null),
        ("numeric", "numeric(\"100000000000000000000000000000000000000000\")", null),
        ("numeric", "numeric(\"0\")", null),
        ("numeric", "numeric(\"NaN\")", null),
        ("numeric", "numeric(\"Infinity\")", null),
        ("numeric", "numeric(\"-Infinity\")", null),
        ("money", "money(\"12.34\")", null),
        ("text", "text(\"héllo, wörld\")", null),
        ("varchar(10)", "varchar((some(5), [104, 101, 108, 108, 111]))", null),
        ("char(3)", "char((3, [97, 98, 99]))", null),
        ("name", "name(\"pg_class\")", null),
        ("bytea", "bytea([0, 1, 255])", null),
        ("uuid", "uuid(\"6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b\")", null),
        ("json", "json(\"{\\\"a\\\": [1, 2]}\")", null),
        ("jsonb", "jsonb(\"{\\\"a\\\":1}\")", "jsonb(\"{\\\"a\\\": 1}\")"),
        ("xml", "xml(\"<a>1</a>\")", null),
        ("date", "date(ymd((2024, 2, 29)))", null),
        ("date", "date(positive-infinity)", null),
        ("date", "date(negative-infinity)", null),
        ("time", "time({hour: 13, min: 45, sec: 30, micro: 123456})", null),
        ("timetz", "time-tz({timesonze: \"+02:00\", time: {hour: 8, min: 0, sec: 1, micro: 0}})", null),
        ("timestamp", "timestamp({date: ymd((1999, 12, 31)), time: {hour: 23, min: 59, sec: 59, micro: 999999}})", null),
        ("timestamptz", "timestamp-tz({timestamp: {date: ymd((2024, 6, 1)), time: {hour: 12, min: 0, sec: 0, micro: 0}}, offset: eastern-hemisphere-secs(7200)})",
            "timestamp-tz({timestamp: {date: ymd((2024, 6, 1)), time: {hour: 10, min: 0, sec: 0, micro: 0}}, offset: eastern-hemisphere-secs(0)})"),
        ("daterange", "interval({start: ymd((2024, 1, 1)), start-inclusive: true, end: ymd((2024, 2, 1)), end-inclusive: false})", null),
        ("inet", "inet(\"192.168.1.5\")", null),
        ("inet", "inet(\"10.1.0.0/16\")", null),
        ("cidr", "cidr(\"10.0.0.0/8\")", null),
        ("macaddr", "macaddr({bytes: (8, 0, 43, 1, 2, 3)})", null),
        ("macaddr8", "macaddr8({bytes: (8, 0, 43, 1, 2, 3, 4, 5)})", null),
        ("point", "point(((4503599627370496, -52, 1), (4503599627370496, -51, 1)))", null),
        ("box", "box((((0, -1075, 1), (0, -1075, 1)), ((4503599627370496, -51, 1), (4503599627370496, -51, 1))))", null),
        ("lseg", "lseg((((0, -1075, 1), (0, -1075, 1)), ((4503599627370496, -52, 1), (4503599627370496, -52, 1))))", null),
        ("path", "path([((0, -1075, 1), (0, -1075, 1)), ((4503599627370496, -52, 1), (0, -1075, 1))])", null),
        ("polygon", "polygon([((0, -1075, 1), (0, -1075, 1)), ((4503599627370496, -52, 1), (0, -1075, 1)), ((0, -1075, 1), (4503599627370496, -52, 1))])", null),
        ("circle", "circle((((0, -1075, 1), (0, -1075, 1)), (4503599627370496, -51, 1)))", null),
        ("bit(4)", "bit((4, [160]))", null),
        ("varbit", "varbit((some(3), [224]))", null),
        ("tsvector", "ts-vector([{position: some(1), weight: some(A), data: \"fat\"}, {position: none, weight: none, data: \"rat\"}])", null),
        ("tsquery", "ts-query(\"'fat' & 'rat'\")", null),
        ("pg_lsn", "pg-lsn(4294967297)", null),
        ("int4[]", "int4-array([1, -2, 3])", null),
        ("text[]", "text-array([\"a\", \"b c\"])", null),
        ("bool[]", "bool-array([true, false])", null),
        ("float8[]", "float8-array([(4503599627370496, -52, 1)])", null),
        ("uuid[]", "uuid-array([\"6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b\"])", null),
        ("date[]", "date-array([ymd((2000, 1, 1))])", null),
        ("numeric[]", "numeric-array([\"1.5\", \"2\"])", null),
        ("numeric[]", "numeric-array([\"98765432109876543210987654321.5\", \"NaN\", \"-3\"])", null),
        ("int8[]", "int8-array([9])", null),
        ("timestamp[]", "timestamp-array([{date: ymd((2001, 2, 3)), time: {hour: 4, min: 5, sec: 6, micro: 7}}])", null),
        ("bytea[]", "bytea-array([[1], [2, 3]])", null),
        ("hstore", "hstore([(\"a\", some(\"1\")), (\"b\", none)])", null),
        ("int4", "null", null),
    ];

    private PostgresServerProcess _postgres = null!;

    [Fact]
    public async Task Every_column_type_round_trips()
    {
        await StartAsync(providerElsewhere: false);
        var wrong = new List<string>();
        foreach (var (column, sent, expected) in Columns)
        {
            var row = await CallAsync("query", $"\"SELECT $1::{column} AS v\"", $"[{sent}]");
            var wanted = $"ok([[{{column-name: \"v\", value: {expected ?? sent}}}]])";
            if (row != wanted) wrong.Add($"{column}: sent {sent}, got {row}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Theory]
    [InlineData("one host")]
    [InlineData("two hosts")]
    public async Task Queries_prepared_statements_errors_and_a_server_away(string placement)
    {
        await StartAsync(providerElsewhere: placement == "two hosts");
        Assert.Equal("ok", await CallAsync("batch", "\"CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL, at timestamp)\""));

        // SQL inside a parameter is stored as data: the table is still there, holding that text.
        var hostile = "x'); DROP TABLE notes; --";
        Assert.Equal("ok([1, 1])", await CallAsync("exec-each", "\"INSERT INTO notes (body) VALUES ($1)\"",
            $"[[text(\"{hostile}\")], [text(\"plain\")]]"));
        Assert.Equal($"ok([[{{column-name: \"body\", value: text(\"{hostile}\")}}], [{{column-name: \"body\", value: text(\"plain\")}}]])",
            await CallAsync("query", "\"SELECT body FROM notes ORDER BY id\"", "[]"));

        // A prepared statement runs again and again by its token; an unknown token is its own error.
        var token = await CallAsync("prepare", "\"UPDATE notes SET body = $1 WHERE id = $2\"");
        Assert.StartsWith("ok(\"", token);
        Assert.Equal("ok(1)", await CallAsync("exec", token[3..^1], "[text(\"edited\"), int4(2)]"));
        Assert.Equal("ok(0)", await CallAsync("exec", token[3..^1], "[text(\"nothing\"), int4(99)]"));
        Assert.Equal("err(unknown-prepared-query)", await CallAsync("exec", "\"no-such-token\"", "[]"));

        // The interface's errors, each with Postgres's reason.
        Assert.StartsWith("err(invalid-query(\"42601: syntax error", await CallAsync("query", "\"SELEC 1\"", "[]"));
        Assert.StartsWith("err(invalid-query(\"42P01: relation \\\"missing\\\" does not exist", await CallAsync("query", "\"SELECT * FROM missing\"", "[]"));
        Assert.StartsWith("err(invalid-params(\"parameter $1 (uuid) is not a valid value", await CallAsync("query", "\"SELECT $1::uuid\"", "[uuid(\"not-a-uuid\")]"));
        var badPrepare = await CallAsync("prepare", "\"SELEC nonsense\"");
        Assert.True(badPrepare.StartsWith("err(unexpected(\"42601: syntax error", StringComparison.Ordinal), badPrepare);
        Assert.StartsWith("err(query-error(invalid-query(\"23502:", await CallAsync("exec-each", "\"INSERT INTO notes (body) VALUES ($1)\"", "[[null]]"));

        // The server away: calls fail with `unexpected` and the host goes on; back, they work again.
        await _postgres.KillAsync();
        Assert.StartsWith("err(unexpected(", await CallAsync("query", "\"SELECT 1 AS one\"", "[]"));
        await _postgres.RestartAsync();
        var back = await Eventually(() => CallAsync("query", "\"SELECT 1 AS one\"", "[]"), "ok(");
        // When the server does not come back, what it printed says why.
        Assert.True(back.StartsWith("ok(", StringComparison.Ordinal), $"{back}\npostgres said:\n{_postgres.Log}");
        Assert.Equal("ok([[{column-name: \"one\", value: int4(1)}]])", back);
    }

    [Fact]
    public async Task Without_a_link_a_call_fails_naming_the_missing_link()
    {
        var host = await StartHostAsync();
        await ScaleComponentAsync(host, "sql", "file://" + Relay, 2);
        Assert.Equal("err(unexpected(\"no link `default` from sql for wasmcloud:postgres (add one with `wash link put`)\"))", await CallAsync("query", "\"SELECT 1\"", "[]"));
    }

    private async Task StartAsync(bool providerElsewhere)
    {
        _postgres = Own(await PostgresServerProcess.StartAsync());
        var host = await StartHostAsync();
        var providerHost = providerElsewhere ? await StartHostAsync() : host;
        await ScaleComponentAsync(host, "sql", "file://" + Relay, 4);
        await StartProviderAsync(providerHost, "pg", "ghcr.io/wasmcloud/sqldb-postgres:0.9.0");
        Assert.True((await Ctl.PutConfigAsync("sql-pg", new Dictionary<string, string>
        {
            ["POSTGRES_HOST"] = "127.0.0.1", ["POSTGRES_PORT"] = _postgres.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["POSTGRES_USERNAME"] = PostgresServerProcess.User, ["POSTGRES_PASSWORD"] = "unused", ["POSTGRES_DATABASE"] = "postgres",
        })).Success);
        Assert.True((await Ctl.PutLinkAsync(new Link
        {
            SourceId = "sql", Target = "pg", WitNamespace = "wasmcloud", WitPackage = "postgres", Interfaces = ["query", "prepared"], TargetConfig = ["sql-pg"],
        })).Success);
        for (var deadline = DateTime.UtcNow.AddSeconds(10); !host.State.LinksFrom("sql").Any() && DateTime.UtcNow < deadline;) await Task.Delay(20);
        Assert.Equal("ok", await CallAsync("batch", "\"CREATE EXTENSION IF NOT EXISTS hstore\""));
    }

    /// <summary>Calls the relay's function over wRPC, arguments and result in WAVE.</summary>
    private async Task<string> CallAsync(string function, params string[] arguments)
    {
        var type = ((FuncExtern)((InstanceExtern)RelayType.Value.Exports[Run]).Type.Exports[function]).Type;
        var codec = new FunctionCodec(type);
        await using var client = new WrpcClient(Client) { ResultTimeout = TimeSpan.FromSeconds(60) };
        var results = await client.InvokeAsync(WrpcSubjects.Invocation("default.sql", Run, function),
            codec.EncodeParameters(WaveParser.ParseArguments(string.Join(", ", arguments), type.Parameters).ToArray()), codec.DecodeResult);
        return WaveWriter.Write(results[0], type.Result!);
    }

    private static async Task<string> Eventually(Func<Task<string>> attempt, string wanted)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(45); ; await Task.Delay(200))
        {
            var answer = await attempt();
            if (answer.StartsWith(wanted, StringComparison.Ordinal) || DateTime.UtcNow > deadline) return answer;
        }
    }
}
