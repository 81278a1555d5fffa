using WasmCloud.Components.Format;
using WasmCloud.Components.Types;
using WasmCloud.Wasi.Preview2;

namespace WasmCloud.Host.Capabilities.Sql;

/// <summary>
/// The types of <c>wasmcloud:postgres@0.1.1-draft</c> (<c>types</c>, <c>query</c>, <c>prepared</c>), as upstream's
/// WIT defines them: <c>pg-value</c> with a case per column type (and its aliases and arrays), rows of named values,
/// and the three error variants. Floats travel as <c>hashable-f64 = tuple&lt;u64, s16, s8&gt;</c>: mantissa,
/// exponent and sign, as Rust's <c>integer_decode</c> splits them.
/// </summary>
internal static class PostgresWit
{
    public const string Version = "0.1.1-draft";

    private static readonly ValType S8 = ValType.Of(PrimitiveType.S8);
    private static readonly ValType S16 = ValType.Of(PrimitiveType.S16);
    private static readonly ValType S64 = ValType.Of(PrimitiveType.S64);
    private static readonly ValType U16 = ValType.Of(PrimitiveType.U16);

    public static readonly ValType HashableF64 = Wit.Tuple(Wit.U64, S16, S8);
    public static readonly ValType Point = Wit.Tuple(HashableF64, HashableF64);
    public static readonly ValType TwoPoints = Wit.Tuple(Point, Point);
    public static readonly ValType Circle = Wit.Tuple(Point, HashableF64);
    public static readonly ValType Bits = Wit.Tuple(Wit.U32, Wit.Bytes);
    public static readonly ValType SizedBytes = Wit.Tuple(Wit.Option(Wit.U32), Wit.Bytes);
    public static readonly ValType LexemeWeight = Wit.Enum("A", "B", "C", "D");
    public static readonly ValType Lexeme = Wit.Record(("position", Wit.Option(U16)), ("weight", Wit.Option(LexemeWeight)), ("data", Wit.String));
    public static readonly ValType Offset = Wit.Variant(("eastern-hemisphere-secs", Wit.S32), ("western-hemisphere-secs", Wit.S32));
    public static readonly ValType Date = Wit.Variant(("positive-infinity", null), ("negative-infinity", null), ("ymd", Wit.Tuple(Wit.S32, Wit.U32, Wit.U32)));
    public static readonly ValType Interval = Wit.Record(("start", Date), ("start-inclusive", Wit.Bool), ("end", Date), ("end-inclusive", Wit.Bool));
    public static readonly ValType Time = Wit.Record(("hour", Wit.U32), ("min", Wit.U32), ("sec", Wit.U32), ("micro", Wit.U32));
    public static readonly ValType TimeTz = Wit.Record(("timesonze", Wit.String), ("time", Time));
    public static readonly ValType Timestamp = Wit.Record(("date", Date), ("time", Time));
    public static readonly ValType TimestampTz = Wit.Record(("timestamp", Timestamp), ("offset", Offset));
    public static readonly ValType Mac6 = Wit.Record(("bytes", Wit.Tuple(Wit.U8, Wit.U8, Wit.U8, Wit.U8, Wit.U8, Wit.U8)));
    public static readonly ValType Mac8 = Wit.Record(("bytes", Wit.Tuple(Wit.U8, Wit.U8, Wit.U8, Wit.U8, Wit.U8, Wit.U8, Wit.U8, Wit.U8)));

    /// <summary><c>pg-value</c>'s cases in declaration order (their index is their wire tag).</summary>
    public static readonly (string Name, ValType? Payload)[] Cases =
    [
        ("null", null),
        ("big-int", S64), ("int8", S64), ("int8-array", Wit.List(S64)), ("big-serial", S64), ("serial8", S64),
        ("bool", Wit.Bool), ("boolean", Wit.Bool), ("bool-array", Wit.List(Wit.Bool)),
        ("double", HashableF64), ("float8", HashableF64), ("float8-array", Wit.List(HashableF64)),
        ("real", HashableF64), ("float4", HashableF64), ("float4-array", Wit.List(HashableF64)),
        ("integer", Wit.S32), ("int", Wit.S32), ("int4", Wit.S32), ("int4-array", Wit.List(Wit.S32)),
        ("numeric", Wit.String), ("decimal", Wit.String), ("numeric-array", Wit.List(Wit.String)),
        ("serial", Wit.U32), ("serial4", Wit.U32),
        ("small-int", S16), ("int2", S16), ("int2-array", Wit.List(S16)), ("int2-vector", Wit.List(S16)), ("int2-vector-array", Wit.List(Wit.List(S16))),
        ("small-serial", S16), ("serial2", S16),
        ("bit", Bits), ("bit-array", Wit.List(Bits)), ("bit-varying", SizedBytes), ("varbit", SizedBytes), ("varbit-array", Wit.List(SizedBytes)),
        ("bytea", Wit.Bytes), ("bytea-array", Wit.List(Wit.Bytes)),
        ("char", Bits), ("char-array", Wit.List(Bits)), ("varchar", SizedBytes), ("varchar-array", Wit.List(SizedBytes)),
        ("cidr", Wit.String), ("cidr-array", Wit.List(Wit.String)), ("inet", Wit.String), ("inet-array", Wit.List(Wit.String)),
        ("macaddr", Mac6), ("macaddr-array", Wit.List(Mac6)), ("macaddr8", Mac8), ("macaddr8-array", Wit.List(Mac8)),
        ("box", TwoPoints), ("box-array", Wit.List(TwoPoints)), ("circle", Circle), ("circle-array", Wit.List(Circle)),
        ("line", TwoPoints), ("line-array", Wit.List(TwoPoints)), ("lseg", TwoPoints), ("lseg-array", Wit.List(TwoPoints)),
        ("path", Wit.List(Point)), ("path-array", Wit.List(Wit.List(Point))), ("point", Point), ("point-array", Wit.List(Point)),
        ("polygon", Wit.List(Point)), ("polygon-array", Wit.List(Wit.List(Point))),
        ("date", Date), ("date-array", Wit.List(Date)), ("interval", Interval), ("interval-array", Wit.List(Interval)),
        ("time", Time), ("time-array", Wit.List(Time)), ("time-tz", TimeTz), ("time-tz-array", Wit.List(TimeTz)),
        ("timestamp", Timestamp), ("timestamp-array", Wit.List(Timestamp)), ("timestamp-tz", TimestampTz), ("timestamp-tz-array", Wit.List(TimestampTz)),
        ("json", Wit.String), ("json-array", Wit.List(Wit.String)), ("jsonb", Wit.String), ("jsonb-array", Wit.List(Wit.String)),
        ("money", Wit.String), ("money-array", Wit.List(Wit.String)),
        ("pg-lsn", Wit.U64), ("pg-lsn-array", Wit.List(Wit.U64)),
        ("pg-snapshot", Wit.Tuple(S64, S64, Wit.List(S64))), ("txid-snapshot", S64),
        ("name", Wit.String), ("name-array", Wit.List(Wit.String)), ("text", Wit.String), ("text-array", Wit.List(Wit.String)),
        ("xml", Wit.String), ("xml-array", Wit.List(Wit.String)),
        ("ts-query", Wit.String), ("ts-vector", Wit.List(Lexeme)),
        ("uuid", Wit.String), ("uuid-array", Wit.List(Wit.String)),
        ("hstore", Wit.List(Wit.Tuple(Wit.String, Wit.Option(Wit.String)))),
    ];

    public static readonly ValType PgValue = Wit.Variant(Cases);
    public static readonly ValType ResultRow = Wit.List(Wit.Record(("column-name", Wit.String), ("value", PgValue)));
    public static readonly ValType QueryError = Wit.Variant(("invalid-params", Wit.String), ("invalid-query", Wit.String), ("unexpected", Wit.String));
    public static readonly ValType PrepareError = Wit.Variant(("unexpected", Wit.String));
    public static readonly ValType ExecError = Wit.Variant(("unknown-prepared-query", null), ("query-error", QueryError), ("unexpected", Wit.String));

    public static readonly FuncType Query = Wit.Func(Wit.Result(Wit.List(ResultRow), QueryError), ("query", Wit.String), ("params", Wit.List(PgValue)));
    public static readonly FuncType QueryBatch = Wit.Func(Wit.Result(null, QueryError), ("query", Wit.String));
    public static readonly FuncType Prepare = Wit.Func(Wit.Result(Wit.String, PrepareError), ("statement", Wit.String));
    public static readonly FuncType Exec = Wit.Func(Wit.Result(Wit.U64, ExecError), ("stmt-token", Wit.String), ("params", Wit.List(PgValue)));
}
