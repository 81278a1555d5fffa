using System.CommandLine;
using System.Text.Json.Nodes;
using WasmCloud.Components;
using WasmCloud.Host.Components;
using WasmCloud.Lattice.Control;
using WasmCloud.Wasm;

namespace WasmCloud.Wash;

/// <summary>
/// <c>wash push REF FILE</c> and <c>wash pull REF</c>: components to and from OCI registries, as upstream wash moves
/// them (one layer of <c>application/vnd.module.wasm.content.layer.v1+wasm</c>). A push checks first that the file is a
/// component; <c>latest</c> is refused unless <c>--allow-latest</c>; <c>--insecure</c> speaks plain HTTP.
/// </summary>
internal static class OciCommands
{
    public static Command Push()
    {
        var reference = new Argument<string>("url") { Description = "where to push, e.g. localhost:5000/hello:0.1.0" };
        var file = new Argument<FileInfo>("artifact") { Description = "the component (.wasm) to push" };
        var options = new RegistryOptions();
        var command = new Command("push", "Push a component to an OCI registry") { reference, file };
        options.AddTo(command);
        command.SetAction((result, cancel) => RunAsync(result, async (image, http, output) =>
        {
            var path = result.GetValue(file)!;
            var bytes = await File.ReadAllBytesAsync(path.FullName, cancel);
            try
            {
                Component.FromBytes(new Engine(new EngineConfig { CacheDirectory = CompileCacheLocation.Resolve() }), bytes);
            }
            catch (WasmException e)
            {
                throw new WashException($"{path.Name} is not a component that loads: {e.Message}");
            }
            await options.Client(http, image).PushAsync(image, bytes, cancel);
            output.Result($"Pushed {path.Name} to {image}", new JsonObject { ["url"] = image.ToString(), ["size"] = bytes.Length });
        }, result.GetValue(reference)!, options));
        return command;
    }

    public static Command Pull()
    {
        var reference = new Argument<string>("url") { Description = "what to pull, e.g. localhost:5000/hello:0.1.0" };
        var destination = new Option<FileInfo?>("--destination") { Description = "where to write it (default: the repository's last name, .wasm)" };
        var options = new RegistryOptions();
        var command = new Command("pull", "Pull a component from an OCI registry") { reference, destination };
        options.AddTo(command);
        command.SetAction((result, cancel) => RunAsync(result, async (image, http, output) =>
        {
            var bytes = await options.Client(http, image).PullAsync(image, long.MaxValue, cancel);
            var path = result.GetValue(destination)?.FullName ?? Path.GetFullPath(image.Repository.Split('/')[^1] + ".wasm");
            await File.WriteAllBytesAsync(path, bytes, cancel);
            output.Result($"Pulled {image} to {path}", new JsonObject { ["url"] = image.ToString(), ["file"] = path, ["size"] = bytes.Length });
        }, result.GetValue(reference)!, options));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, Func<ImageReference, HttpClient, CommandOutput, Task> run, string reference, RegistryOptions options)
    {
        var output = new CommandOutput(result.GetValue(CommandOutput.Format) == "json");
        try
        {
            var image = ImageReference.Parse(reference);
            if (image.IsLatest && !options.AllowLatest(result))
                throw new WashException($"{reference} means `latest`; pin a version, or pass --allow-latest");
            using var http = new HttpClient();
            options.Read(result);
            await run(image, http, output);
            return 0;
        }
        catch (Exception e) when (e is WashException or ComponentFetchException or FormatException or IOException)
        {
            output.Fail(e.Message);
            return 1;
        }
    }

    /// <summary>The registry options both commands take: <c>--insecure</c>, <c>--allow-latest</c>, <c>--user</c>/<c>--password</c>.</summary>
    private sealed class RegistryOptions
    {
        private readonly Option<bool> _insecure = new("--insecure") { Description = "reach the registry over plain HTTP" };
        private readonly Option<bool> _allowLatest = new("--allow-latest") { Description = "allow a reference that means latest" };
        private readonly Option<string?> _user = new("--user", "-u") { Description = "registry user name [env: WASH_REG_USER]", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("WASH_REG_USER") };
        private readonly Option<string?> _password = new("--password") { Description = "registry password [env: WASH_REG_PASSWORD]", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("WASH_REG_PASSWORD") };
        private bool _plainHttp;
        private RegistryCredential? _credential;

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { _insecure, _allowLatest, _user, _password }) command.Options.Add(option);
        }

        public bool AllowLatest(ParseResult result) => result.GetValue(_allowLatest);

        public void Read(ParseResult result)
        {
            _plainHttp = result.GetValue(_insecure);
            _credential = result.GetValue(_user) is { Length: > 0 } user ? new RegistryCredential { Username = user, Password = result.GetValue(_password) } : null;
        }

        public OciClient Client(HttpClient http, ImageReference image) => new(http, _ => _credential, _plainHttp ? [image.Registry] : []);
    }
}
