using System.CommandLine;
using WasmCloud.Wasi.Preview2.Sockets;

namespace WasmCloud.Wash;

/// <summary>
/// The options that grant a component network access through wasi:sockets, which it has none of otherwise:
/// <c>--allow-socket RULE</c> (repeatable) and <c>--allow-ip-name-lookup</c>.
/// </summary>
internal sealed class NetworkOptions
{
    private readonly Option<string[]> _rules = new("--allow-socket")
    {
        Description = "an address range the component's sockets may bind, connect or send to: [tcp:|udp:]ADDRESS[/PREFIX][:PORT[-PORT]], ADDRESS may be * (e.g. 127.0.0.1:8080, tcp:10.0.0.0/8, [::1]:9000-9100)",
    };
    private readonly Option<bool> _nameLookup = new("--allow-ip-name-lookup") { Description = "let the component resolve host names (wasi:sockets/ip-name-lookup)" };

    public void AddTo(Command command)
    {
        command.Options.Add(_rules);
        command.Options.Add(_nameLookup);
    }

    /// <summary>The policy the options describe; a malformed rule is a FormatException naming it.</summary>
    public SocketPolicy Policy(ParseResult result) => SocketPolicy.Parse(result.GetValue(_rules) ?? [], result.GetValue(_nameLookup));
}
