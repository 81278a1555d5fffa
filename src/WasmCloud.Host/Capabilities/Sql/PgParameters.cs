using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using WasmCloud.Components;
using WasmCloud.Wasi.Preview2;

namespace WasmCloud.Host.Capabilities.Sql;

/// <summary>
/// A <c>pg-value</c> as a bound parameter, never as SQL text: typed by its case (an alias case binds as its type,
/// <c>big-serial</c> as <c>int8</c>), its payload converted to Npgsql's .NET type for it. Values Postgres takes best in
/// its own text form (numeric, money, snapshots, tsvector) are bound as text of unknown type, which Postgres reads as
/// the type the statement needs. A payload that is not a valid value of its case (a bad UUID, a bad date) is a
/// <see cref="PgTypeException"/> naming the parameter.
/// </summary>
internal static class PgParameters
{
    public static NpgsqlParameter Bind(ComponentValue value, int index)
    {
        var (@case, payload) = Val.ToVariant(value);
        try
        {
            return Bind(@case, payload);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or InvalidCastException)
        {
            throw new PgTypeException($"parameter ${index + 1} ({@case}) is not a valid value: {e.Message}");
        }
    }

    private static NpgsqlParameter Bind(string @case, ComponentValue? v) => @case switch
    {
        "null" => new NpgsqlParameter { Value = DBNull.Value },
        "big-int" or "int8" or "big-serial" or "serial8" => Typed(NpgsqlDbType.Bigint, Int(v!)),
        "int8-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Bigint, List(v!, Int)),
        "bool" or "boolean" => Typed(NpgsqlDbType.Boolean, Val.ToBool(v!)),
        "bool-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Boolean, List(v!, Val.ToBool)),
        "double" or "float8" => Typed(NpgsqlDbType.Double, PgFloats.ToDouble(v!)),
        "float8-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Double, List(v!, PgFloats.ToDouble)),
        "real" or "float4" => Typed(NpgsqlDbType.Real, (float)PgFloats.ToDouble(v!)),
        "float4-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Real, List(v!, x => (float)PgFloats.ToDouble(x))),
        "integer" or "int" or "int4" => Typed(NpgsqlDbType.Integer, (int)Int(v!)),
        "int4-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Integer, List(v!, x => (int)Int(x))),
        "serial" or "serial4" => Typed(NpgsqlDbType.Integer, checked((int)Int(v!))),
        "small-int" or "int2" or "small-serial" or "serial2" => Typed(NpgsqlDbType.Smallint, (short)Int(v!)),
        "int2-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Smallint, List(v!, x => (short)Int(x))),
        "int2-vector" => Typed(NpgsqlDbType.Int2Vector, List(v!, x => (short)Int(x))),
        "int2-vector-array" => AsText(Literal.Array(Val.ToList(v!).Select(x => string.Join(' ', Val.ToList(x).Select(i => Int(i).ToString(CultureInfo.InvariantCulture)))))),
        "numeric" or "decimal" or "money" => AsText(Val.ToText(v!)),
        "numeric-array" or "money-array" => AsText(Literal.Array(Val.ToList(v!).Select(Val.ToText))),
        "bit" => Typed(NpgsqlDbType.Bit, Bits(v!)),
        "bit-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Bit, List(v!, Bits)),
        "bit-varying" or "varbit" => Typed(NpgsqlDbType.Varbit, Bits(v!)),
        "varbit-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Varbit, List(v!, Bits)),
        "bytea" => Typed(NpgsqlDbType.Bytea, Val.ToBytes(v!)),
        "bytea-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Bytea, List(v!, Val.ToBytes)),
        "char" => Typed(NpgsqlDbType.Char, SizedText(v!)),
        "char-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Char, List(v!, SizedText)),
        "varchar" => Typed(NpgsqlDbType.Varchar, SizedText(v!)),
        "varchar-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Varchar, List(v!, SizedText)),
        "cidr" => Typed(NpgsqlDbType.Cidr, IPNetwork.Parse(Val.ToText(v!))),
        "cidr-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Cidr, List(v!, x => IPNetwork.Parse(Val.ToText(x)))),
        "inet" => Typed(NpgsqlDbType.Inet, Inet(Val.ToText(v!))),
        "inet-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Inet, List(v!, x => Inet(Val.ToText(x)))),
        "macaddr" => Typed(NpgsqlDbType.MacAddr, Mac(v!)),
        "macaddr-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.MacAddr, List(v!, Mac)),
        "macaddr8" => Typed(NpgsqlDbType.MacAddr8, Mac(v!)),
        "macaddr8-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.MacAddr8, List(v!, Mac)),
        "box" => Typed(NpgsqlDbType.Box, Box(v!)),
        "box-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Box, List(v!, Box)),
        "circle" => Typed(NpgsqlDbType.Circle, Circle(v!)),
        "circle-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Circle, List(v!, Circle)),
        "line" => Typed(NpgsqlDbType.Line, Line(v!)),
        "line-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Line, List(v!, Line)),
        "lseg" => Typed(NpgsqlDbType.LSeg, Segment(v!)),
        "lseg-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.LSeg, List(v!, Segment)),
        "path" => Typed(NpgsqlDbType.Path, new NpgsqlPath(List(v!, Point), open: true)),
        "path-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Path, List(v!, p => new NpgsqlPath(List(p, Point), open: true))),
        "point" => Typed(NpgsqlDbType.Point, Point(v!)),
        "point-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Point, List(v!, Point)),
        "polygon" => Typed(NpgsqlDbType.Polygon, new NpgsqlPolygon(List(v!, Point))),
        "polygon-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Polygon, List(v!, p => new NpgsqlPolygon(List(p, Point)))),
        "date" => Typed(NpgsqlDbType.Date, PgTime.ToDate(v!)),
        "date-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Date, List(v!, PgTime.ToDate)),
        "interval" => Typed(NpgsqlDbType.DateRange, DateRange(v!)),
        "interval-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.DateRange, List(v!, DateRange)),
        "time" => Typed(NpgsqlDbType.Time, PgTime.ToTime(v!)),
        "time-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Time, List(v!, PgTime.ToTime)),
        "time-tz" => Typed(NpgsqlDbType.TimeTz, PgTime.ToTimeTz(v!)),
        "time-tz-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.TimeTz, List(v!, PgTime.ToTimeTz)),
        "timestamp" => Typed(NpgsqlDbType.Timestamp, PgTime.ToTimestamp(v!, DateTimeKind.Unspecified)),
        "timestamp-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Timestamp, List(v!, x => PgTime.ToTimestamp(x, DateTimeKind.Unspecified))),
        "timestamp-tz" => Typed(NpgsqlDbType.TimestampTz, PgTime.ToTimestampTz(v!)),
        "timestamp-tz-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, List(v!, PgTime.ToTimestampTz)),
        "json" => Typed(NpgsqlDbType.Json, Val.ToText(v!)),
        "json-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Json, List(v!, Val.ToText)),
        "jsonb" => Typed(NpgsqlDbType.Jsonb, Val.ToText(v!)),
        "jsonb-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Jsonb, List(v!, Val.ToText)),
        "pg-lsn" => Typed(NpgsqlDbType.PgLsn, new NpgsqlLogSequenceNumber(Val.ToU64(v!))),
        "pg-lsn-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.PgLsn, List(v!, x => new NpgsqlLogSequenceNumber(Val.ToU64(x)))),
        "pg-snapshot" => AsText(Snapshot(v!)),
        "txid-snapshot" => AsText($"{Int(v!)}:{Int(v!)}:"),
        "name" => Typed(NpgsqlDbType.Name, Val.ToText(v!)),
        "name-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Name, List(v!, Val.ToText)),
        "text" => Typed(NpgsqlDbType.Text, Val.ToText(v!)),
        "text-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Text, List(v!, Val.ToText)),
        "xml" => Typed(NpgsqlDbType.Xml, Val.ToText(v!)),
        "xml-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Xml, List(v!, Val.ToText)),
        "ts-query" => AsText(Val.ToText(v!)),
        "ts-vector" => AsText(TsVector(v!)),
        "uuid" => Typed(NpgsqlDbType.Uuid, Guid.Parse(Val.ToText(v!))),
        "uuid-array" => Typed(NpgsqlDbType.Array | NpgsqlDbType.Uuid, List(v!, x => Guid.Parse(Val.ToText(x)))),
        "hstore" => Typed(NpgsqlDbType.Hstore, Val.ToList(v!).ToDictionary(e => Val.ToText(((TupleValue)e).Elements[0]),
            e => Val.ToVariant(((TupleValue)e).Elements[1]).Payload is { } s ? Val.ToText(s) : null)),
        _ => throw new PgTypeException($"`{@case}` is not a case of pg-value"),
    };

    private static NpgsqlParameter Typed(NpgsqlDbType type, object value) => new() { NpgsqlDbType = type, Value = value };

    /// <summary>Postgres's own text form, bound with no type: the server reads it as whatever type the statement wants there.</summary>
    private static NpgsqlParameter AsText(string text) => new() { NpgsqlDbType = NpgsqlDbType.Unknown, Value = text };

    private static long Int(ComponentValue value) => ((IntegerValue)value).Bits;

    private static T[] List<T>(ComponentValue value, Func<ComponentValue, T> convert) => Val.ToList(value).Select(convert).ToArray();

    private static string SizedText(ComponentValue value) => Encoding.UTF8.GetString(Val.ToBytes(((TupleValue)value).Elements[1]));

    private static BitArray Bits(ComponentValue value)
    {
        var parts = ((TupleValue)value).Elements;
        var bytes = Val.ToBytes(parts[1]);
        var length = parts[0] is VariantValue option ? (option.Payload is { } n ? (int)Int(n) : bytes.Length * 8) : (int)Int(parts[0]);
        if (length > bytes.Length * 8) throw new ArgumentException($"{length} bits do not fit in {bytes.Length} bytes");
        var bits = new BitArray(length);
        for (int i = 0; i < length; i++) bits[i] = (bytes[i / 8] & (0x80 >> (i % 8))) != 0;
        return bits;
    }

    private static NpgsqlInet Inet(string text) => text.Contains('/') ? new NpgsqlInet(text) : new NpgsqlInet(IPAddress.Parse(text));

    private static PhysicalAddress Mac(ComponentValue value) =>
        new(((TupleValue)((RecordValue)value).Fields[0].Value).Elements.Select(b => (byte)Int(b)).ToArray());

    private static NpgsqlPoint Point(ComponentValue value)
    {
        var parts = ((TupleValue)value).Elements;
        return new NpgsqlPoint(PgFloats.ToDouble(parts[0]), PgFloats.ToDouble(parts[1]));
    }

    private static (NpgsqlPoint, NpgsqlPoint) Points(ComponentValue value)
    {
        var parts = ((TupleValue)value).Elements;
        return (Point(parts[0]), Point(parts[1]));
    }

    private static NpgsqlBox Box(ComponentValue value)
    {
        var (lowerLeft, upperRight) = Points(value);
        return new NpgsqlBox(upperRight, lowerLeft);
    }

    private static NpgsqlLSeg Segment(ComponentValue value)
    {
        var (start, end) = Points(value);
        return new NpgsqlLSeg(start, end);
    }

    /// <summary>The line through two points, as <c>Ax + By + C = 0</c>.</summary>
    private static NpgsqlLine Line(ComponentValue value)
    {
        var (p, q) = Points(value);
        if (p.X == q.X && p.Y == q.Y) throw new ArgumentException("a line needs two different points");
        var a = q.Y - p.Y;
        var b = p.X - q.X;
        return new NpgsqlLine(a, b, -(a * p.X + b * p.Y));
    }

    private static NpgsqlCircle Circle(ComponentValue value)
    {
        var parts = ((TupleValue)value).Elements;
        return new NpgsqlCircle(Point(parts[0]), PgFloats.ToDouble(parts[1]));
    }

    private static NpgsqlRange<DateOnly> DateRange(ComponentValue value)
    {
        var f = ((RecordValue)value).Fields;
        var (start, end) = (PgTime.ToDate(f[0].Value), PgTime.ToDate(f[2].Value));
        return new NpgsqlRange<DateOnly>(start, Val.ToBool(f[1].Value), start == DateOnly.MinValue, end, Val.ToBool(f[3].Value), end == DateOnly.MaxValue);
    }

    private static string Snapshot(ComponentValue value)
    {
        var parts = ((TupleValue)value).Elements;
        return $"{Int(parts[0])}:{Int(parts[1])}:{string.Join(',', Val.ToList(parts[2]).Select(x => Int(x).ToString(CultureInfo.InvariantCulture)))}";
    }

    /// <summary>A tsvector in Postgres's text form: each lexeme quoted, with its position and weight.</summary>
    private static string TsVector(ComponentValue value) => string.Join(' ', Val.ToList(value).Select(entry =>
    {
        var f = ((RecordValue)entry).Fields;
        var text = "'" + Val.ToText(f[2].Value).Replace("'", "''") + "'";
        if (Val.ToVariant(f[0].Value).Payload is not { } position) return text;
        var weight = Val.ToVariant(f[1].Value).Payload is EnumValue w ? w.Case : "";
        return $"{text}:{Int(position)}{weight}";
    }));

    /// <summary>An array in Postgres's text form, each element quoted.</summary>
    private static class Literal
    {
        public static string Array(IEnumerable<string> elements) =>
            "{" + string.Join(',', elements.Select(e => "\"" + e.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"")) + "}";
    }
}
