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
