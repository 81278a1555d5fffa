using System.Diagnostics;

namespace WasmCloud.Testing;

/// <summary>
/// A real PostgreSQL server (Debian's postgresql) on 127.0.0.1 and a free port: a fresh cluster made by initdb in a
/// temporary directory, trust authentication for the loopback, user <see cref="User"/>. When the tests run as root
/// the server runs as the <c>postgres</c> user, as Postgres insists. Stopped and deleted on dispose.
/// </summary>
public sealed class PostgresServerProcess : IAsyncDisposable
{
    public const string User = "postgres";

    private readonly string _directory;
    private readonly bool _asPostgres;
    private Process? _server;
    private string _program = "";
    private string[] _arguments = [];

    private PostgresServerProcess(string directory, int port, bool asPostgres)
    {
        _directory = directory;
        Port = port;
        _asPostgres = asPostgres;
    }

    public int Port { get; }
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username={User};Database=postgres";

    public static async Task<PostgresServerProcess> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Order().LastOrDefault() : null;
        if (bin is null || !File.Exists(Path.Combine(bin, "bin", "initdb")))
            throw new InvalidOperationException("postgresql is not installed; install it with 'apt-get install postgresql' (scripts/test.sh does)");
        var asPostgres = Environment.UserName == "root";
        var directory = Directory.CreateTempSubdirectory("postgres-").FullName;
        var server = new PostgresServerProcess(directory, NatsServerProcess.FreePort(), asPostgres);
        if (asPostgres) await RunAsync("chown", ["-R", "postgres:postgres", directory]);
        await server.RunAsPostgresAsync(Path.Combine(bin, "bin", "initdb"), ["-D", Path.Combine(directory, "data"), "-U", User, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
        server._program = Path.Combine(bin, "bin", "postgres");
        server._arguments = ["-D", Path.Combine(directory, "data"), "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1", "-c", $"unix_socket_directories={directory}", "-c", "fsync=off"];
        await server.RestartAsync();
        return server;
    }

    /// <summary>
    /// Starts the server (again) on the same port and data. Right after a kill the old server's processes may still
    /// hold its shared memory for a moment, which makes a new one refuse to start: it is tried again until they are gone.
    /// </summary>
    public async Task RestartAsync()
    {
        for (int attempt = 1; ; attempt++)
        {
            _server = StartAsPostgres(_program, _arguments);
            try
            {
                await LocalPort.WaitUntilListeningAsync(Port, _server, "postgres", TimeSpan.FromSeconds(30));
                return;
            }
            catch (InvalidOperationException) when (attempt < 20 && _server.HasExited)
            {
                _server.Dispose();
                await Task.Delay(250);
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException($"{e.Message}: {Log}", e);
            }
        }
    }

    /// <summary>What the server printed, for failure messages.</summary>
    public string Log
    {
        get { lock (_log) return string.Join('\n', _log); }
    }

    private readonly List<string> _log = [];

    private Process StartAsPostgres(string program, string[] arguments)
    {
        var start = _asPostgres ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. arguments]) : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) lock (_log) _log.Add(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (_log) _log.Add(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task RunAsPostgresAsync(string program, string[] arguments)
    {
        using var process = StartAsPostgres(program, arguments);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(program)} failed with exit code {process.ExitCode}");
    }

    private static async Task RunAsync(string program, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { UseShellExecute = false }) ?? throw new InvalidOperationException($"could not start {program}");
        await process.WaitForExitAsync();
    }

    /// <summary>Stops the server at once, as a crash would; its data stays.</summary>
    public async Task KillAsync()
    {
        if (_server is { HasExited: false }) _server.Kill(entireProcessTree: true);
        if (_server is not null) await _server.WaitForExitAsync();
        _server?.Dispose();
        _server = null;
        // The postmaster's children die a moment after it, and one still holding the listening socket would make the
        // next start look ready while the new server, refused its port, exits.
        await LocalPort.WaitUntilClosedAsync(Port, "the killed postgres", TimeSpan.FromSeconds(30));
        // A killed postmaster leaves its lock files (the data directory's and its Unix socket's); the next start must
        // not think it still runs — a socket lock naming a PID not yet reaped made a restart listen on TCP, then quit.
        File.Delete(Path.Combine(_directory, "data", "postmaster.pid"));
        File.Delete(Path.Combine(_directory, $".s.PGSQL.{Port}.lock"));
        File.Delete(Path.Combine(_directory, $".s.PGSQL.{Port}"));
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
