namespace WasmCloud.Components.Format;

/// <summary>Semantic Versioning 2.0 syntax, as interface names use it after <c>@</c>.</summary>
public static class SemVer
{
    /// <summary>Why <paramref name="version"/> is not a valid semver, or null.</summary>
    public static string? Check(string version)
    {
        if (version.Length == 0) return "empty string, expected a semver version";
        var plus = version.IndexOf('+');
        var core = plus < 0 ? version : version[..plus];
        var dash = core.IndexOf('-');
        var numbers = dash < 0 ? core : core[..dash];
        var parts = numbers.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length == 0) return i == parts.Length - 1 && i > 0 ? "unexpected end of input" : "unexpected character '.'";
            foreach (var c in part)
                if (!char.IsAsciiDigit(c)) return $"unexpected character '{c}'";
            if (part.Length > 1 && part[0] == '0') return "invalid leading zero";
        }
        if (parts.Length != 3) return "unexpected end of input";
        if (dash >= 0 && IdentifiersError(core[(dash + 1)..], numeric: true) is { } pre) return pre;
        if (plus >= 0 && IdentifiersError(version[(plus + 1)..], numeric: false) is { } build) return build;
        return null;
    }

    /// <summary>
    /// What compatible versions share (Cargo's rule, which Wasmtime's linker follows): the major version from
    /// 1.0.0 on, <c>0.minor</c> below it, the whole of <c>0.0.patch</c>; a pre-release is compatible only with
    /// itself. So an import of <c>@0.2.10</c> binds to a definition of <c>@0.2.12</c> and the other way round.
    /// </summary>
    public static string CompatibilityTrack(string version)
    {
        var core = version.Split('+')[0];
        if (core.Contains('-')) return core;
        var parts = core.Split('.');
        return parts[0] != "0" ? parts[0] : parts.Length > 1 && parts[1] != "0" ? $"0.{parts[1]}" : core;
    }

    private static string? IdentifiersError(string text, bool numeric)
    {
        foreach (var identifier in text.Split('.'))
        {
            if (identifier.Length == 0) return "empty identifier segment";
            foreach (var c in identifier)
                if (!char.IsAsciiLetterOrDigit(c) && c != '-') return $"unexpected character '{c}'";
            if (numeric && identifier.Length > 1 && identifier[0] == '0' && identifier.All(char.IsAsciiDigit)) return "invalid leading zero";
        }
        return null;
    }
}
