using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using WasmCloud.Wasm;
using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasi.Preview1;

/// <summary>
/// A minimal <c>wasi_snapshot_preview1</c> host for core modules: arguments, environment, clocks, random,
/// standard streams, files below preopened directories, and exit. Every other preview1 function is defined
/// too and returns <c>ENOSYS</c>, so any preview1 module links. One instance serves one guest.
/// </summary>
public sealed partial class WasiPreview1
{
    public const string ModuleName = "wasi_snapshot_preview1";

    private readonly WasiConfiguration _configuration;
    private readonly DescriptorTable _descriptors;

    public WasiPreview1(WasiConfiguration configuration)
    {
        _configuration = configuration;
        _descriptors = new DescriptorTable(configuration);
    }

    private delegate Errno Handler(GuestMemory memory, ReadOnlySpan<Value> args);

    /// <summary>Defines every preview1 function in <paramref name="linker"/>.</summary>
    public void AddTo(Linker linker)
    {
        foreach (var (name, signature) in Signatures)
        {
            var type = ParseSignature(signature);
            if (name == "proc_exit")
            {
                linker.DefineFunction(ModuleName, name, type, (_, args, _) => throw new WasiExitException(args[0].AsI32()));
                continue;
            }
            var handler = HandlerFor(name);
            linker.DefineFunction(ModuleName, name, type, (caller, args, results) =>
            {
                Errno errno;
                try
                {
                    errno = handler is null ? Errno.NoSys : handler(new GuestMemory(caller), args);
                }
                catch (GuestFault)
                {
                    errno = Errno.Fault;
                }
                catch (IOException)
                {
                    errno = Errno.Io;
                }
                catch (UnauthorizedAccessException)
                {
                    errno = Errno.Access;
                }
                results[0] = Value.I32((int)errno);
            });
        }
    }

    private Handler? HandlerFor(string name) => name switch
    {
        "args_get" => (m, a) => WriteStrings(m, a, _configuration.Arguments),
        "args_sizes_get" => (m, a) => WriteSizes(m, a, _configuration.Arguments),
        "environ_get" => (m, a) => WriteStrings(m, a, EnvironmentStrings()),
        "environ_sizes_get" => (m, a) => WriteSizes(m, a, EnvironmentStrings()),
        "clock_res_get" => ClockResolution,
        "clock_time_get" => ClockTime,
        "random_get" => (m, a) =>
        {
            RandomNumberGenerator.Fill(m.Slice(U(a[0]), U(a[1])));
            return Errno.Success;
        },
        "sched_yield" => (_, _) =>
        {
            Thread.Yield();
            return Errno.Success;
        },
        "fd_write" => FdWrite,
        "fd_read" => FdRead,
        "fd_seek" => FdSeek,
        "fd_tell" => FdTell,
        "fd_close" => (_, a) => _descriptors.Remove(a[0].AsI32()) ? Errno.Success : Errno.BadF,
        "fd_renumber" => (_, a) => _descriptors.Renumber(a[0].AsI32(), a[1].AsI32()),
        "fd_pread" => FdPread,
        "fd_pwrite" => FdPwrite,
        "fd_filestat_set_size" => (_, a) => FdFileStatSetSize(a),
        "fd_filestat_set_times" => (_, a) => FdFileStatSetTimes(a),
        "path_filestat_set_times" => PathFileStatSetTimes,
        // Preallocation is not offered (preview1's fd_allocate is gone from WASI 0.2); NOTSUP, as Wasmtime answers.
        "fd_allocate" => (_, a) => _descriptors.Get(a[0].AsI32()) switch { null => Errno.BadF, DirectoryDescriptor => Errno.IsDir, _ => Errno.NotSup },
        // Advice is a hint: taking it or not changes no result, so it is accepted for any open descriptor.
        "fd_advise" => (_, a) => _descriptors.Get(a[0].AsI32()) is null ? Errno.BadF : a[3].AsI32() is >= 0 and <= 5 ? Errno.Success : Errno.Inval,
        "fd_fdstat_get" => FdStatGet,
        "fd_fdstat_set_flags" => (_, a) => FdStatSetFlags(a),
        "fd_fdstat_set_rights" => (_, a) => FdStatSetRights(a),
        "fd_filestat_get" => FdFileStatGet,
        "fd_prestat_get" => PrestatGet,
        "fd_prestat_dir_name" => PrestatDirName,
        "fd_sync" or "fd_datasync" => (_, a) => _descriptors.Get(a[0].AsI32()) is null ? Errno.BadF : Errno.Success,
        "path_open" => PathOpen,
        "path_filestat_get" => PathFileStatGet,
        "path_create_directory" => (m, a) => WithPath(m, a[0], a[1], a[2], path =>
        {
            if (Path.Exists(path) || new FileInfo(path).LinkTarget is not null) return Errno.Exist;
            Directory.CreateDirectory(path);
            return Errno.Success;
        }, followFinal: false),
        "path_remove_directory" => (m, a) => WithPath(m, a[0], a[1], a[2], path =>
        {
            if (!Directory.Exists(path) || new DirectoryInfo(path).LinkTarget is not null) return Path.Exists(path) || new FileInfo(path).LinkTarget is not null ? Errno.NotDir : Errno.NoEnt;
            if (Directory.EnumerateFileSystemEntries(path).Any()) return Errno.NotEmpty;
            Directory.Delete(path);
            return Errno.Success;
        }, followFinal: false),
        "path_unlink_file" => (m, a) => WithPath(m, a[0], a[1], a[2], path =>
        {
            // A link goes, never what it points to.
            var isLink = new FileInfo(path).LinkTarget is not null;
            if (!isLink && Directory.Exists(path)) return Errno.IsDir;
            if (!isLink && !File.Exists(path)) return Errno.NoEnt;
            File.Delete(path);
            return Errno.Success;
        }, followFinal: false),
        "path_symlink" => PathSymlink,
        "path_readlink" => PathReadlink,
        "path_link" => PathLink,
        "path_rename" => PathRename,
        "fd_readdir" => FdReaddir,
        "poll_oneoff" => PollOneoff,
        _ => null,
    };

    private static uint U(Value value) => (uint)value.AsI32();

    private List<string> EnvironmentStrings() => _configuration.Environment.Select(kv => $"{kv.Key}={kv.Value}").ToList();

    /// <summary>Writes NUL-terminated strings into a buffer and their addresses into an array (args_get, environ_get).</summary>
    private static Errno WriteStrings(GuestMemory memory, ReadOnlySpan<Value> args, IReadOnlyList<string> strings)
    {
        uint pointers = U(args[0]), buffer = U(args[1]);
        foreach (var text in strings)
        {
            memory.WriteU32(pointers, buffer);
            pointers += 4;
            var bytes = Encoding.UTF8.GetBytes(text + "\0");
            bytes.CopyTo(memory.Slice(buffer, (uint)bytes.Length));
            buffer += (uint)bytes.Length;
        }
        return Errno.Success;
    }

    private static Errno WriteSizes(GuestMemory memory, ReadOnlySpan<Value> args, IReadOnlyList<string> strings)
    {
        memory.WriteU32(U(args[0]), (uint)strings.Count);
        memory.WriteU32(U(args[1]), (uint)strings.Sum(s => Encoding.UTF8.GetByteCount(s) + 1));
        return Errno.Success;
    }

    private static Errno ClockResolution(GuestMemory memory, ReadOnlySpan<Value> args)
    {
        if (args[0].AsI32() is < 0 or > 3) return Errno.Inval;
        memory.WriteU64(U(args[1]), 1);
        return Errno.Success;
    }

    private static Errno ClockTime(GuestMemory memory, ReadOnlySpan<Value> args)
    {
        ulong nanoseconds;
        switch (args[0].AsI32())
        {
            case 0: nanoseconds = (ulong)(DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100; break;
            case 1: nanoseconds = (ulong)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency)); break;
            case 2 or 3: nanoseconds = (ulong)Process.GetCurrentProcess().TotalProcessorTime.Ticks * 100; break;
            default: return Errno.Inval;
        }
        memory.WriteU64(U(args[2]), nanoseconds);
        return Errno.Success;
    }

    private static FuncType ParseSignature(string signature)
    {
        static ValueType[] Types(string letters) => letters.Select(c => c == 'I' ? ValueType.I64 : ValueType.I32).ToArray();
        var parts = signature.Split(':');
        return new FuncType(Types(parts[0]), Types(parts[1]));
    }
}
