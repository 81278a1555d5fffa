namespace WasmCloud.Wasi.Preview2.Filesystem;

/// <summary>A wasi:filesystem error-code, thrown by the host code and returned to the guest as <c>error(code)</c>.</summary>
internal sealed class FilesystemException(string code) : Exception($"filesystem error: {code}")
{
    public string Code { get; } = code;

    /// <summary>
    /// The error-code for a .NET exception. On Unix, .NET puts the errno into an IOException's HResult when it
    /// has no more specific exception, so the common errnos map one to one.
    /// </summary>
    public static string CodeOf(Exception exception) => exception switch
    {
        FilesystemException filesystem => filesystem.Code,
        FileNotFoundException or DirectoryNotFoundException => "no-entry",
        UnauthorizedAccessException => "access",
        PathTooLongException => "name-too-long",
        IOException io => OfErrno(io.HResult),
        _ => "io",
    };

    /// <summary>The error-code of a Linux errno (what libc calls and .NET's IOExceptions report).</summary>
    public static string OfErrno(int errno) => errno switch
    {
        1 => "not-permitted",
        2 => "no-entry",
        13 => "access",
        16 => "busy",
        17 => "exist",
        18 => "cross-device",
        20 => "not-directory",
        21 => "is-directory",
        22 => "invalid",
        27 => "file-too-large",
        28 => "insufficient-space",
        30 => "read-only",
        31 => "too-many-links",
        36 => "name-too-long",
        39 => "not-empty",
        40 => "loop",
        _ => "io",
    };
}
