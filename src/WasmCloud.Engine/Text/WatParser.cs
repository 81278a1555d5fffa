using System.Text;

namespace WasmCloud.Wasm.Text;

/// <summary>
/// Translates a module in the WebAssembly text format (WAT) into its binary encoding, as the spec's
/// reference interpreter and the <c>wat</c> crate do. Covers WebAssembly 2.0 and extended-const, but not the
/// SIMD instructions. Malformed text is a <see cref="MalformedModuleException"/> whose message starts with
/// the line and column; validation is left to the decoder and validator.
/// </summary>
public static class WatParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// A module, as <c>(module id? field*)</c> or as its fields alone; also the script forms
    /// <c>(module id? binary "…"*)</c> and <c>(module id? quote "…"*)</c>.
    /// </summary>
    public static byte[] ParseModule(string text)
    {
        // Nested instructions parse recursively; a guest thread's large stack holds the deepest nesting allowed.
        byte[]? binary = null;
        GuestThreads.Run(() => binary = Parse(text));
        return binary!;
    }

    private static byte[] Parse(string text)
    {
        var cursor = new TokenCursor(Lexer.Tokenize(text));
        var module = new ModuleContext();
        var wrapped = cursor.TryField("module");
        if (wrapped) module.ModuleId = cursor.TryId();
        if (wrapped && (cursor.Peek().IsKeyword("binary") || cursor.Peek().IsKeyword("quote"))) return ParseStrings(cursor);
        var fieldsStart = cursor.Index;

        ModuleScanner.Scan(cursor, module);
        if (wrapped) cursor.ExpectRightParen();
        cursor.Expect(TokenKind.EndOfFile, "end of input");

        cursor.Index = fieldsStart;
        return new ModuleParser(cursor, module).Parse();
    }

    /// <summary>The strings of <c>binary</c> are the module's bytes; those of <c>quote</c>, its text.</summary>
    private static byte[] ParseStrings(TokenCursor cursor)
    {
        var isBinary = cursor.Next().Text == "binary";
        var bytes = new List<byte>();
        while (cursor.Peek().Kind == TokenKind.String) bytes.AddRange(cursor.Next().Bytes!);
        cursor.ExpectRightParen();
        cursor.Expect(TokenKind.EndOfFile, "end of input");
        return isBinary ? [.. bytes] : ParseModule(bytes.ToArray());
    }

    /// <summary>A module from UTF-8 bytes (a <c>.wat</c> file); text that is not valid UTF-8 is malformed.</summary>
    public static byte[] ParseModule(ReadOnlySpan<byte> utf8)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new MalformedModuleException("malformed UTF-8 encoding in module text", e.Index);
        }
        return ParseModule(text);
    }
}
