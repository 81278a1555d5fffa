using System.Text;
using WasmCloud.Components.Format;

namespace WasmCloud.Components.Abi;

/// <summary>Strings between linear memory and .NET: <c>load_string_from_range</c> and <c>store_string_into_range</c>.</summary>
internal static class StringCodec
{
    private const uint Utf16Tag = 1u << 31;
    private const long MaxStringByteLength = (1 << 28) - 1;
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private static readonly UnicodeEncoding StrictUtf16 = new(false, false, true);

    public static StringValue Load(CallContext cx, uint pointer, uint taggedCodeUnits)
    {
        var (alignment, byteLength, encoding) = cx.Encoding switch
        {
            StringEncoding.Utf8 => (1, (long)taggedCodeUnits, (Encoding)StrictUtf8),
            StringEncoding.Utf16 => (2, 2L * taggedCodeUnits, StrictUtf16),
            _ when (taggedCodeUnits & Utf16Tag) != 0 => (2, 2L * (taggedCodeUnits ^ Utf16Tag), StrictUtf16),
            _ => (2, (long)taggedCodeUnits, Encoding.Latin1),
        };
        if (byteLength > MaxStringByteLength) throw new ComponentTrap("string content out-of-bounds");
        cx.CheckRange(pointer, byteLength, alignment, "string pointer/length");
        try
        {
            var text = encoding.GetString(cx.Bytes(pointer, byteLength));
            return new StringValue(text) { Source = (cx.Encoding, taggedCodeUnits) };
        }
        catch (DecoderFallbackException)
        {
            throw new ComponentTrap(encoding == StrictUtf8 ? "invalid utf-8" : "invalid utf-16");
        }
    }

    /// <summary>Stores the string for the destination's encoding; returns the pointer and (tagged) code units.</summary>
    public static (uint Pointer, uint Units) Store(CallContext cx, StringValue value)
    {
        var s = value.Value;
        var (sourceEncoding, sourceUnits) = value.Source ?? (StringEncoding.Utf8, (uint)StrictUtf8.GetByteCount(s));
        var simple = sourceEncoding;
        if (sourceEncoding == StringEncoding.Latin1Utf16)
        {
            if ((sourceUnits & Utf16Tag) != 0) { simple = StringEncoding.Utf16; sourceUnits ^= Utf16Tag; }
            else simple = StringEncoding.Latin1Utf16; // plain latin1
        }
        var latin1 = sourceEncoding == StringEncoding.Latin1Utf16 && simple == StringEncoding.Latin1Utf16;
        return cx.Encoding switch
        {
            StringEncoding.Utf8 when simple == StringEncoding.Utf8 => Copy(cx, StrictUtf8.GetBytes(s), sourceUnits, 1),
            StringEncoding.Utf8 => ToUtf8(cx, s, sourceUnits, sourceUnits * (latin1 ? 2u : 3u)),
            StringEncoding.Utf16 when simple == StringEncoding.Utf8 => Utf8ToUtf16(cx, s, sourceUnits),
            StringEncoding.Utf16 => Copy(cx, Encoding.Unicode.GetBytes(s), sourceUnits, 2),
            _ when sourceEncoding != StringEncoding.Latin1Utf16 => ToLatin1OrUtf16(cx, s, sourceUnits),
            _ when latin1 => Copy(cx, Encoding.Latin1.GetBytes(s), sourceUnits, 2),
            _ => ProbablyUtf16ToLatin1OrUtf16(cx, s, sourceUnits),
        };
    }

    private static (uint, uint) Copy(CallContext cx, byte[] encoded, uint units, int alignment)
    {
        var pointer = cx.Allocate(alignment, (uint)encoded.Length);
        encoded.CopyTo(cx.Bytes(pointer, encoded.Length));
        return (pointer, units);
    }

    private static (uint, uint) ToUtf8(CallContext cx, string s, uint units, uint worstCase)
    {
        var pointer = cx.Allocate(1, units);
        var i = 0;
        foreach (var c in s)
        {
            if (c >= 0x80)
            {
                pointer = cx.Reallocate(pointer, units, 1, worstCase);
                var encoded = StrictUtf8.GetBytes(s);
                encoded.AsSpan(i).CopyTo(cx.Bytes(pointer + i, encoded.Length - i));
                if (worstCase > encoded.Length) pointer = cx.Reallocate(pointer, worstCase, 1, (uint)encoded.Length);
                return (pointer, (uint)encoded.Length);
            }
            cx.Bytes(pointer + i, 1)[0] = (byte)c;
            i++;
        }
        return (pointer, units);
    }

    private static (uint, uint) Utf8ToUtf16(CallContext cx, string s, uint units)
    {
        var worstCase = 2 * units;
        var pointer = cx.Allocate(2, worstCase);
        var encoded = Encoding.Unicode.GetBytes(s);
        encoded.CopyTo(cx.Bytes(pointer, encoded.Length));
        if (encoded.Length < worstCase) pointer = cx.Reallocate(pointer, worstCase, 2, (uint)encoded.Length);
        return (pointer, (uint)encoded.Length / 2);
    }

    private static (uint, uint) ToLatin1OrUtf16(CallContext cx, string s, uint units)
    {
        var pointer = cx.Allocate(2, units);
        uint length = 0;
        foreach (var rune in s.EnumerateRunes())
        {
            if (rune.Value >= 256)
            {
                var worstCase = 2 * units;
                pointer = cx.Reallocate(pointer, units, 2, worstCase);
                var encoded = Encoding.Unicode.GetBytes(s);
                var memory = cx.Bytes(pointer, worstCase);
                for (var j = (int)length - 1; j >= 0; j--)
                {
                    memory[2 * j] = memory[j];
                    memory[2 * j + 1] = 0;
                }
                encoded.AsSpan(2 * (int)length).CopyTo(memory[(2 * (int)length)..]);
                if (worstCase > encoded.Length) pointer = cx.Reallocate(pointer, worstCase, 2, (uint)encoded.Length);
                return (pointer, (uint)encoded.Length / 2 | Utf16Tag);
            }
            cx.Bytes(pointer + length, 1)[0] = (byte)rune.Value;
            length++;
        }
        if (length < units) pointer = cx.Reallocate(pointer, units, 2, length);
        return (pointer, length);
    }

    private static (uint, uint) ProbablyUtf16ToLatin1OrUtf16(CallContext cx, string s, uint units)
    {
        var byteLength = 2 * units;
        var pointer = cx.Allocate(2, byteLength);
        var encoded = Encoding.Unicode.GetBytes(s);
        encoded.CopyTo(cx.Bytes(pointer, encoded.Length));
        if (s.Any(c => c >= 256)) return (pointer, (uint)encoded.Length / 2 | Utf16Tag);
        var latin1Length = encoded.Length / 2;
        var memory = cx.Bytes(pointer, encoded.Length);
        for (var i = 0; i < latin1Length; i++) memory[i] = memory[2 * i];
        pointer = cx.Reallocate(pointer, byteLength, 1, (uint)latin1Length);
        return (pointer, (uint)latin1Length);
    }
}
