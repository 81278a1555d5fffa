using System.Collections;
using System.Net;
using System.Net.NetworkInformation;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using WasmCloud.Components;
using WasmCloud.Wasi.Preview2;

namespace WasmCloud.Host.Capabilities.Sql;

/// <summary>
/// A result column as a <c>pg-value</c>: chosen by the column's Postgres type (its internal name, <c>_name</c> for
/// arrays), read through Npgsql's own .NET type for it. A type the interface has no case for is a
/// <see cref="NotSupportedException"/> naming it.
/// </summary>
internal static class PgColumns
{
    private delegate ComponentValue Reader(NpgsqlDataReader row, int column);

    private static readonly Dictionary<string, Reader> Readers = new(StringComparer.Ordinal)
    {
        ["bool"] = Scalar<bool>("bool", ComponentValue.Bool),
        ["_bool"] = Array<bool>("bool-array", ComponentValue.Bool),
        ["int2"] = Scalar<short>("int2", ComponentValue.S16),
        ["_int2"] = Array<short>("int2-array", ComponentValue.S16),
        ["int2vector"] = Array<short>("int2-vector", ComponentValue.S16),
        ["int4"] = Scalar<int>("int4", ComponentValue.S32),
        ["_int4"] = Array<int>("int4-array", ComponentValue.S32),
        ["int8"] = Scalar<long>("int8", ComponentValue.S64),
        ["_int8"] = Array<long>("int8-array", ComponentValue.S64),
        ["float4"] = Scalar<float>("float4", PgFloats.Of),
        ["_float4"] = Array<float>("float4-array", PgFloats.Of),
        ["float8"] = Scalar<double>("float8", PgFloats.Of),
        ["_float8"] = Array<double>("float8-array", PgFloats.Of),
        ["numeric"] = (row, column) => new VariantValue("numeric", ComponentValue.String(PgNumeric.Text(Raw(row, column)))),
        ["_numeric"] = (row, column) => new VariantValue("numeric-array", new ListValue(PgNumeric.ArrayText(Raw(row, column)).Select(ComponentValue.String).ToArray())),
        ["money"] = Scalar<decimal>("money", Number),
        ["_money"] = Array<decimal>("money-array", Number),
        ["text"] = Scalar<string>("text", ComponentValue.String),
        ["_text"] = Array<string>("text-array", ComponentValue.String),
        ["name"] = Scalar<string>("name", ComponentValue.String),
        ["_name"] = Array<string>("name-array", ComponentValue.String),
        ["xml"] = Scalar<string>("xml", ComponentValue.String),
        ["_xml"] = Array<string>("xml-array", ComponentValue.String),
        ["json"] = Scalar<string>("json", ComponentValue.String),
        ["_json"] = Array<string>("json-array", ComponentValue.String),
        ["jsonb"] = Scalar<string>("jsonb", ComponentValue.String),
        ["_jsonb"] = Array<string>("jsonb-array", ComponentValue.String),
        ["varchar"] = Scalar<string>("varchar", Sized),
        ["_varchar"] = Array<string>("varchar-array", Sized),
        ["bpchar"] = Scalar<string>("char", Fixed),
        ["_bpchar"] = Array<string>("char-array", Fixed),
        ["char"] = Scalar<char>("char", c => Fixed(c.ToString())),
        ["bytea"] = Scalar<byte[]>("bytea", b => Val.Bytes(b)),
        ["_bytea"] = Array<byte[]>("bytea-array", b => Val.Bytes(b)),
        ["uuid"] = Scalar<Guid>("uuid", g => ComponentValue.String(g.ToString())),
        ["_uuid"] = Array<Guid>("uuid-array", g => ComponentValue.String(g.ToString())),
        ["inet"] = Scalar<NpgsqlInet>("inet", Inet),
        ["_inet"] = Array<NpgsqlInet>("inet-array", Inet),
        ["cidr"] = Scalar<IPNetwork>("cidr", c => ComponentValue.String(c.ToString())),
        ["_cidr"] = Array<IPNetwork>("cidr-array", c => ComponentValue.String(c.ToString())),
        ["macaddr"] = Scalar<PhysicalAddress>("macaddr", Mac),
        ["_macaddr"] = Array<PhysicalAddress>("macaddr-array", Mac),
        ["macaddr8"] = Scalar<PhysicalAddress>("macaddr8", Mac),
        ["_macaddr8"] = Array<PhysicalAddress>("macaddr8-array", Mac),
        ["point"] = Scalar<NpgsqlPoint>("point", Point),
        ["_point"] = Array<NpgsqlPoint>("point-array", Point),
        ["box"] = Scalar<NpgsqlBox>("box", b => Pair(b.LowerLeft, b.UpperRight)),
        ["_box"] = Array<NpgsqlBox>("box-array", b => Pair(b.LowerLeft, b.UpperRight)),
        ["lseg"] = Scalar<NpgsqlLSeg>("lseg", s => Pair(s.Start, s.End)),
        ["_lseg"] = Array<NpgsqlLSeg>("lseg-array", s => Pair(s.Start, s.End)),
        ["line"] = Scalar<NpgsqlLine>("line", Line),
        ["_line"] = Array<NpgsqlLine>("line-array", Line),
        ["path"] = Scalar<NpgsqlPath>("path", p => Points(p)),
        ["_path"] = Array<NpgsqlPath>("path-array", p => Points(p)),
        ["polygon"] = Scalar<NpgsqlPolygon>("polygon", p => Points(p)),
        ["_polygon"] = Array<NpgsqlPolygon>("polygon-array", p => Points(p)),
        ["circle"] = Scalar<NpgsqlCircle>("circle", c => new TupleValue([Point(c.Center), PgFloats.Of(c.Radius)])),
        ["_circle"] = Array<NpgsqlCircle>("circle-array", c => new TupleValue([Point(c.Center), PgFloats.Of(c.Radius)])),
        ["bit"] = Scalar<BitArray>("bit", b => new TupleValue([ComponentValue.U32((uint)b.Length), Val.Bytes(Pack(b))])),
        ["_bit"] = Array<BitArray>("bit-array", b => new TupleValue([ComponentValue.U32((uint)b.Length), Val.Bytes(Pack(b))])),
        ["varbit"] = Scalar<BitArray>("varbit", VaryingBits),
        ["_varbit"] = Array<BitArray>("varbit-array", VaryingBits),
        ["date"] = Scalar<DateOnly>("date", PgTime.Date),
        ["_date"] = Array<DateOnly>("date-array", PgTime.Date),
        ["daterange"] = Scalar<NpgsqlRange<DateOnly>>("interval", DateRange),
        ["_daterange"] = Array<NpgsqlRange<DateOnly>>("interval-array", DateRange),
        ["time"] = Scalar<TimeOnly>("time", PgTime.Time),
        ["_time"] = Array<TimeOnly>("time-array", PgTime.Time),
        ["timetz"] = Scalar<DateTimeOffset>("time-tz", PgTime.TimeTz),
        ["_timetz"] = Array<DateTimeOffset>("time-tz-array", PgTime.TimeTz),
        ["timestamp"] = Scalar<DateTime>("timestamp", PgTime.Timestamp),
        ["_timestamp"] = Array<DateTime>("timestamp-array", PgTime.Timestamp),
        ["timestamptz"] = Scalar<DateTime>("timestamp-tz", PgTime.TimestampTz),
        ["_timestamptz"] = Array<DateTime>("timestamp-tz-array", PgTime.TimestampTz),
        ["pg_lsn"] = Scalar<NpgsqlLogSequenceNumber>("pg-lsn", l => ComponentValue.U64((ulong)l)),
        ["_pg_lsn"] = Array<NpgsqlLogSequenceNumber>("pg-lsn-array", l => ComponentValue.U64((ulong)l)),
        ["tsquery"] = Scalar<NpgsqlTsQuery>("ts-query", q => ComponentValue.String(q.ToString())),
        ["tsvector"] = Scalar<NpgsqlTsVector>("ts-vector", Lexemes),
        ["hstore"] = Scalar<Dictionary<string, string?>>("hstore", Store),
    };

    public static ComponentValue Read(NpgsqlDataReader row, int column)
    {
        if (row.IsDBNull(column)) return new VariantValue("null", null);
        var type = row.GetPostgresType(column);
        var name = type is Npgsql.PostgresTypes.PostgresArrayType array ? "_" + array.Element.InternalName : type.InternalName;
        return Readers.TryGetValue(name, out var read) ? read(row, column)
            : throw new NotSupportedException($"column `{row.GetName(column)}` has type {type.DisplayName}, which wasmcloud:postgres has no case for");
    }

    private static Reader Scalar<T>(string @case, Func<T, ComponentValue> convert) => (row, column) => new VariantValue(@case, convert(row.GetFieldValue<T>(column)));

    private static Reader Array<T>(string @case, Func<T, ComponentValue> convert) =>
        (row, column) => new VariantValue(@case, new ListValue(row.GetFieldValue<T[]>(column).Select(convert).ToArray()));

    /// <summary>A column's value as Postgres sent it (its binary form).</summary>
    private static byte[] Raw(NpgsqlDataReader row, int column)
    {
        using var stream = row.GetStream(column);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static ComponentValue Number(decimal value) => ComponentValue.String(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static ComponentValue Sized(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return new TupleValue([Val.Some(ComponentValue.U32((uint)bytes.Length)), Val.Bytes(bytes)]);
    }

    private static ComponentValue Fixed(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return new TupleValue([ComponentValue.U32((uint)bytes.Length), Val.Bytes(bytes)]);
    }

    /// <summary>An address as Postgres writes it: the prefix length only when it is not the whole address.</summary>
    private static ComponentValue Inet(NpgsqlInet inet) =>
        ComponentValue.String(inet.Netmask == (inet.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
            ? inet.Address.ToString() : $"{inet.Address}/{inet.Netmask}");

    private static ComponentValue Mac(PhysicalAddress address) =>
        new RecordValue([("bytes", new TupleValue(address.GetAddressBytes().Select(ComponentValue.U8).ToArray()))]);

    public static ComponentValue Point(NpgsqlPoint point) => new TupleValue([PgFloats.Of(point.X), PgFloats.Of(point.Y)]);

    private static ComponentValue Pair(NpgsqlPoint first, NpgsqlPoint second) => new TupleValue([Point(first), Point(second)]);

    private static ComponentValue Points(IEnumerable<NpgsqlPoint> points) => new ListValue(points.Select(Point).ToArray());

    /// <summary>A line (<c>Ax + By + C = 0</c>) as two of its points, which is how the interface carries it.</summary>
    private static ComponentValue Line(NpgsqlLine line) => line.B != 0
        ? Pair(new NpgsqlPoint(0, -line.C / line.B), new NpgsqlPoint(1, -(line.A + line.C) / line.B))
        : Pair(new NpgsqlPoint(-line.C / line.A, 0), new NpgsqlPoint(-line.C / line.A, 1));

    /// <summary>Bits packed most significant first, as Postgres and upstream's bit vectors pack them.</summary>
    public static byte[] Pack(BitArray bits)
    {
        var bytes = new byte[(bits.Length + 7) / 8];
        for (int i = 0; i < bits.Length; i++)
            if (bits[i]) bytes[i / 8] |= (byte)(0x80 >> (i % 8));
        return bytes;
    }

    private static ComponentValue VaryingBits(BitArray bits) => new TupleValue([Val.Some(ComponentValue.U32((uint)bits.Length)), Val.Bytes(Pack(bits))]);

    private static ComponentValue DateRange(NpgsqlRange<DateOnly> range) => new RecordValue([
        ("start", range.LowerBoundInfinite ? new VariantValue("negative-infinity", null) : PgTime.Date(range.LowerBound)),
        ("start-inclusive", ComponentValue.Bool(range.LowerBoundIsInclusive)),
        ("end", range.UpperBoundInfinite ? new VariantValue("positive-infinity", null) : PgTime.Date(range.UpperBound)),
        ("end-inclusive", ComponentValue.Bool(range.UpperBoundIsInclusive)),
    ]);

    /// <summary>One lexeme entry per position (the interface's lexeme has one), or one without a position.</summary>
    private static ComponentValue Lexemes(NpgsqlTsVector vector) => new ListValue(vector.SelectMany(lexeme =>
        lexeme.Count == 0
            ? [Lexeme(lexeme.Text, null, null)]
            : Enumerable.Range(0, lexeme.Count).Select(i => Lexeme(lexeme.Text, (ushort)lexeme[i].Pos, lexeme[i].Weight))).ToArray());

    private static ComponentValue Lexeme(string text, ushort? position, NpgsqlTsVector.Lexeme.Weight? weight) => new RecordValue([
        ("position", position is { } p ? Val.Some(ComponentValue.U16(p)) : Val.None),
        ("weight", weight is { } w && w != NpgsqlTsVector.Lexeme.Weight.D ? Val.Some(new EnumValue(w.ToString())) : Val.None),
        ("data", ComponentValue.String(text)),
    ]);

    private static ComponentValue Store(Dictionary<string, string?> store) => new ListValue(store.OrderBy(e => e.Key, StringComparer.Ordinal)
        .Select(e => (ComponentValue)new TupleValue([ComponentValue.String(e.Key), e.Value is null ? Val.None : Val.Some(ComponentValue.String(e.Value))])).ToArray());
}

/// <summary>A value that has no mapping between the interface and Postgres; the message names the column or parameter and the type.</summary>
internal sealed class PgTypeException(string message) : Exception(message);
