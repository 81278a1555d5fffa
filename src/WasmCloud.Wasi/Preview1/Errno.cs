namespace WasmCloud.Wasi.Preview1;

/// <summary>The preview1 error codes this host returns (values from wasi_snapshot_preview1's witx).</summary>
internal enum Errno : ushort
{
    Success = 0,
    Access = 2,
    BadF = 8,
    Exist = 20,
    Fault = 21,
    Inval = 28,
    Io = 29,
    IsDir = 31,
    NameTooLong = 37,
    NoEnt = 44,
    NoSys = 52,
    NotDir = 54,
    NotEmpty = 55,
    NotSup = 58,
    Perm = 63,
    SPipe = 70,
    NotCapable = 76,
}
