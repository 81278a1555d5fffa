using System.Buffers;

namespace WasmCloud.Wrpc.Encoding;

/// <summary>
/// LEB128 as the component model's value encoding uses it: unsigned for u16–u64, lengths, counts and case
/// indexes; signed for s16–s64. Every canonical encoding decodes (upstream's decoder wrongly rejects some large
/// negative ones); too many bytes, or bits beyond the type's width, are a decode error.
/// </summary>
public static class Leb128
{
    public static void WriteUnsigned(IBufferWriter<byte> output, ulong value)
    {
        var span = output.GetSpan(10);
        int i = 0;
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            span[i++] = value == 0 ? b : (byte)(b | 0x80);
        } while (value != 0);
        output.Advance(i);
    }

    public static void WriteSigned(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(10);
        int i = 0;
        while (true)
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            var done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            span[i++] = done ? b : (byte)(b | 0x80);
            if (done) break;
        }
        output.Advance(i);
    }

    /// <summary>Reads an unsigned value of at most <paramref name="bits"/> bits.</summary>
    public static ulong ReadUnsigned(ReadOnlySpan<byte> input, ref int position, int bits, string what)
    {
        ulong result = 0;
        int shift = 0;
        while (true)
        {
            if (position >= input.Length) throw new WrpcDecodeException($"{what}: the payload ends inside a LEB128 number");
            var b = input[position++];
            var payload = (ulong)(b & 0x7f);
            if (shift >= bits || (shift > 0 && bits - shift < 7 && payload >> (bits - shift) != 0))
                throw new WrpcDecodeException($"{what}: the LEB128 number does not fit in {bits} bits");
            result |= payload << shift;
            if ((b & 0x80) == 0) return result;
            shift += 7;
        }
    }

    /// <summary>Reads a signed value of at most <paramref name="bits"/> bits.</summary>
    public static long ReadSigned(ReadOnlySpan<byte> input, ref int position, int bits, string what)
    {
        long result = 0;
        int shift = 0;
        while (true)
        {
            if (position >= input.Length) throw new WrpcDecodeException($"{what}: the payload ends inside a LEB128 number");
            var b = input[position++];
            if (shift >= bits) throw new WrpcDecodeException($"{what}: the LEB128 number does not fit in {bits} bits");
            result |= (long)(b & 0x7f) << shift;
            shift += 7;
            if ((b & 0x80) != 0) continue;
            if (shift < 64 && (b & 0x40) != 0) result |= -1L << shift;
            // The last byte's unused bits must be the sign's extension, or the value is out of range.
            if (shift > bits)
            {
                var unused = shift - bits;
                var top = (b & 0x7f) >> (7 - unused);
                var sign = (b >> (7 - unused - 1)) & 1;
                if (top != (sign == 1 ? (1 << unused) - 1 : 0)) throw new WrpcDecodeException($"{what}: the LEB128 number does not fit in {bits} bits");
            }
            return result;
        }
    }
}
