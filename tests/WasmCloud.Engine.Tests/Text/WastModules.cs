namespace WasmCloud.Wasm.Tests.Text;

/// <summary>Finds the text of the modules in a .wast script: each top-level form, and what it wraps.</summary>
internal static class WastModules
{
    /// <summary>The script's top-level commands that are text modules or wrap one, as (command, module text).</summary>
    public static IEnumerable<(string Command, string Module)> Read(string script)
    {
        var position = 0;
        while (NextForm(script, ref position) is var (start, end))
        {
            var form = script[start..end];
            var command = form[1..].Split((char[])[' ', '\n', '\t', '\r', ')'], 2)[0];
            var moduleAt = command == "module" ? 0 : form.IndexOf("(module", 1, StringComparison.Ordinal);
            if (moduleAt < 0) continue;
            var inner = moduleAt;
            var (moduleStart, moduleEnd) = NextForm(form, ref inner)!.Value;
            var module = form[moduleStart..moduleEnd];
            if (IsText(module)) yield return (command, module);
        }
    }

    /// <summary><c>(module binary …)</c> and <c>(module quote …)</c> are not module text to parse.</summary>
    private static bool IsText(string module)
    {
        var words = module[1..].Split((char[])[' ', '\n', '\t', '\r'], 4, StringSplitOptions.RemoveEmptyEntries);
        var afterId = words.Length > 1 && words[1].StartsWith('$') ? 2 : 1;
        return words.Length <= afterId || words[afterId] is not ("binary" or "quote" or "definition");
    }

    /// <summary>The next parenthesised form at or after <paramref name="position"/>, skipping comments and strings.</summary>
    private static (int Start, int End)? NextForm(string text, ref int position)
    {
        var depth = 0;
        var start = -1;
        for (var i = position; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ';' && i + 1 < text.Length && text[i + 1] == ';')
            {
                while (i < text.Length && text[i] != '\n') i++;
            }
            else if (c == '(' && i + 1 < text.Length && text[i + 1] == ';')
            {
                i = SkipBlockComment(text, i);
            }
            else if (c == '"')
            {
                for (i++; i < text.Length && text[i] != '"'; i++) if (text[i] == '\\') i++;
            }
            else if (c == '(')
            {
                if (depth++ == 0) start = i;
            }
            else if (c == ')' && --depth == 0)
            {
                position = i + 1;
                return (start, i + 1);
            }
        }
        return null;
    }

    private static int SkipBlockComment(string text, int i)
    {
        var depth = 0;
        for (; i + 1 < text.Length; i++)
        {
            if (text[i] == '(' && text[i + 1] == ';') { depth++; i++; }
            else if (text[i] == ';' && text[i + 1] == ')' && --depth == 0) return i + 1;
            else if (text[i] == ';' && text[i + 1] == ')') i++;
        }
        return text.Length;
    }
}
