namespace WasmCloud.Components.Format;

/// <summary>
/// The lexical rules of import and export names (Explainer.md, "Import and Export Definitions"): kebab-case
/// labels, <c>[constructor]</c>/<c>[method]</c>/<c>[static]</c> plain names, and interface names
/// <c>ns:pkg/iface@semver</c>.
/// </summary>
public static class ExternNames
{
    /// <summary>The reason <paramref name="name"/> is not a valid extern name, or null when it is.</summary>
    public static string? Check(string name) =>
        name.Contains(':') ? CheckInterfaceName(name) : CheckPlainName(name);

    public static bool IsInterfaceName(string name) => name.Contains(':') && CheckInterfaceName(name) is null;

    /// <summary>The resource a <c>[constructor]R</c>, <c>[method]R.f</c> or <c>[static]R.f</c> name belongs to.</summary>
    public static (string Annotation, string Resource)? ResourceOf(string name)
    {
        foreach (var annotation in (ReadOnlySpan<string>)["[constructor]", "[method]", "[static]"])
        {
            if (!name.StartsWith(annotation, StringComparison.Ordinal)) continue;
            var rest = name[annotation.Length..];
            var dot = rest.IndexOf('.');
            return (annotation, dot < 0 ? rest : rest[..dot]);
        }
        return null;
    }

    private static string? CheckPlainName(string name)
    {
        if (name.StartsWith("[constructor]", StringComparison.Ordinal)) return LabelError(name["[constructor]".Length..]);
        foreach (var annotation in (ReadOnlySpan<string>)["[method]", "[static]"])
        {
            if (!name.StartsWith(annotation, StringComparison.Ordinal)) continue;
            var rest = name[annotation.Length..];
            var dot = rest.IndexOf('.');
            if (dot < 0) return $"failed to find `.` character in `{rest}`";
            return LabelError(rest[..dot]) ?? LabelError(rest[(dot + 1)..]);
        }
        return LabelError(name);
    }

    private static string? CheckInterfaceName(string name)
    {
        var colon = name.IndexOf(':');
        var slash = name.IndexOf('/');
        if (slash < 0 || slash < colon)
            return colon >= 0 && slash < 0 && !name[(colon + 1)..].Contains(':') ? $"`{name}` is not a valid extern name" : "expected `/` after package name";
        var nameSpace = name[..colon];
        var package = name[(colon + 1)..slash];
        if (package.Contains(':')) return "expected `/` after package name";
        var rest = name[(slash + 1)..];
        var at = rest.IndexOf('@');
        var iface = at < 0 ? rest : rest[..at];
        if (iface.Contains('/')) return $"trailing characters found: `{iface[iface.IndexOf('/')..]}`";
        if (!IsWords(nameSpace) || !IsWords(package)) return LabelError(nameSpace) ?? LabelError(package) ?? $"`{name}` is not a valid extern name";
        if (LabelError(iface) is { } error) return error;
        return at < 0 ? null : SemVer.Check(rest[(at + 1)..]);
    }

    /// <summary><c>words</c>: lowercase kebab fragments, the first starting with a letter.</summary>
    private static bool IsWords(string s) =>
        LabelError(s) is null && s.All(c => c is '-' or (>= 'a' and <= 'z') or (>= '0' and <= '9'));

    /// <summary>Why <paramref name="label"/> is not kebab case, or null.</summary>
    public static string? LabelError(string label)
    {
        var fragments = label.Split('-');
        for (var i = 0; i < fragments.Length; i++)
        {
            var fragment = fragments[i];
            if (fragment.Length == 0) return $"`{label}` is not in kebab case";
            if (i == 0 && !char.IsAsciiLetter(fragment[0])) return $"`{label}` is not in kebab case";
            var lower = fragment.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));
            var upper = fragment.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));
            if (!lower && !upper) return $"`{label}` is not in kebab case";
        }
        return null;
    }
}
