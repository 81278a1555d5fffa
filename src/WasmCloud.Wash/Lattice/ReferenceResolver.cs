namespace WasmCloud.Wash;

/// <summary>
/// Turns what a user typed as a component or provider reference into what the host fetches, as upstream wash
/// does: a path to an existing file becomes an absolute <c>file://</c> reference; anything else is sent as it is.
/// </summary>
internal static class ReferenceResolver
{
    public static string Resolve(string reference)
    {
        var path = reference.StartsWith("file://", StringComparison.Ordinal) ? reference["file://".Length..] : reference;
        if (reference.Contains("://", StringComparison.Ordinal) && !reference.StartsWith("file://", StringComparison.Ordinal)) return reference;
        return File.Exists(path) ? "file://" + Path.GetFullPath(path) : reference;
    }
}
