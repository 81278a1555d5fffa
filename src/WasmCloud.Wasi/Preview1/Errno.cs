namespace WasmCloud.Wasi.Preview1;

/// <summary>The preview1 error codes this host returns (values from wasi_snapshot_preview1's witx).</summary>
internal enum Errno : ushort
{
    Success = 0,
    Access = 2,
    BadF = 8,
    Busy = 10,
    Exist = 20,
    Fault = 21,
    FBig = 22,
    Inval = 28,
    Io = 29,
    IsDir = 31,
    Loop = 32,
    MLink = 34,
    NameTooLong = 37,
    NoEnt = 44,
    NoSpc = 51,
    NoSys = 52,
    NotDir = 54,
    NotEmpty = 55,
    NotSup = 58,
    Perm = 63,
    RoFs = 69,
    SPipe = 70,
    XDev = 75,
    NotCapable = 76,
}

internal static class Errnos
{
    /// <summary>The preview1 errno of a wasi:filesystem error-code (the shared sandbox and path operations speak the latter); escaping the preopen is NOTCAPABLE, as preview1 says.</summary>
    public static Errno Of(string code) => code switch
    {
        "access" => Errno.Access,
        "busy" => Errno.Busy,
        "exist" => Errno.Exist,
        "file-too-large" => Errno.FBig,
        "invalid" => Errno.Inval,
        "is-directory" => Errno.IsDir,
        "loop" => Errno.Loop,
        "too-many-links" => Errno.MLink,
        "name-too-long" => Errno.NameTooLong,
        "no-entry" => Errno.NoEnt,
        "insufficient-space" => Errno.NoSpc,
        "not-directory" => Errno.NotDir,
        "not-empty" => Errno.NotEmpty,
        "unsupported" => Errno.NotSup,
        "not-permitted" => Errno.NotCapable,
        "read-only" => Errno.RoFs,
        "cross-device" => Errno.XDev,
        _ => Errno.Io,
    };
}
