namespace WasmCloud.Wasi.Preview1;

/// <summary>
/// Preview1's rights (bit numbers from its witx), as a descriptor reports and narrows them. The sets are what
/// Wasmtime's preview1 gives: a directory may do path operations but not read, write or seek; what opens below it
/// inherits file rights; a file loses read or write when it was not opened for it.
/// </summary>
internal static class Rights
{
    public const ulong FdDatasync = 1 << 0, FdRead = 1 << 1, FdSeek = 1 << 2, FdFdstatSetFlags = 1 << 3, FdSync = 1 << 4, FdTell = 1 << 5,
        FdWrite = 1 << 6, FdAdvise = 1 << 7, FdAllocate = 1 << 8, PathCreateDirectory = 1 << 9, PathCreateFile = 1 << 10, PathLinkSource = 1 << 11,
        PathLinkTarget = 1 << 12, PathOpen = 1 << 13, FdReaddir = 1 << 14, PathReadlink = 1 << 15, PathRenameSource = 1 << 16, PathRenameTarget = 1 << 17,
        PathFilestatGet = 1 << 18, PathFilestatSetSize = 1 << 19, PathFilestatSetTimes = 1 << 20, FdFilestatGet = 1 << 21, FdFilestatSetSize = 1 << 22,
        FdFilestatSetTimes = 1 << 23, PathSymlink = 1 << 24, PathRemoveDirectory = 1 << 25, PathUnlinkFile = 1 << 26, PollFdReadwrite = 1 << 27;

    public const ulong Directory = PathCreateDirectory | PathCreateFile | PathLinkSource | PathLinkTarget | PathOpen | FdReaddir | PathReadlink
        | PathRenameSource | PathRenameTarget | PathSymlink | PathRemoveDirectory | PathUnlinkFile | PathFilestatGet | PathFilestatSetTimes
        | FdFilestatGet | FdFilestatSetTimes;

    public const ulong File = FdDatasync | FdRead | FdSeek | FdFdstatSetFlags | FdSync | FdTell | FdWrite | FdAdvise | FdAllocate | FdFilestatGet
        | FdFilestatSetSize | FdFilestatSetTimes | PollFdReadwrite;

    public const ulong Inherited = File | Directory;

    public const ulong StandardInput = FdRead | PollFdReadwrite, StandardOutput = FdWrite | PollFdReadwrite;
}
