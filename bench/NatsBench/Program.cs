// Publish throughput and request/reply latency of WasmCloud.Nats next to the official JavaScript client,
// against one nats-server started here. Run from the repository root:
//   flock /tmp/dotnet-build.lock dotnet run -c Release --project bench/NatsBench
using System.Globalization;
using NatsBench;
using WasmCloud.Nats.Tests;

const int Messages = 2_000_000;
const int PayloadSize = 128;
const int Runs = 3;
const int Requests = 20_000;

var scriptDirectory = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../nats-js"));
await using var server = await NatsServerProcess.StartAsync();
Console.WriteLine($"nats-server on {server.Url}; {Messages:N0} messages of {PayloadSize} bytes (median of {Runs} runs), {Requests:N0} sequential requests");

var dotnet = await DotNetClientBench.RunAsync(server.Url, Messages, new byte[PayloadSize], Runs, Requests);
var javascript = await JavaScriptClientBench.RunAsync(scriptDirectory, server.Url, Messages, PayloadSize, Runs, Requests);

string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
Console.WriteLine();
Console.WriteLine("| metric | WasmCloud.Nats | @nats-io/transport-node | ratio (.NET vs JS) |");
Console.WriteLine("| --- | ---: | ---: | ---: |");
Console.WriteLine($"| publish msgs/s (128 B) | {Number(dotnet.PublishPerSecond, "N0")} | {Number(javascript.PublishPerSecond, "N0")} | {Number(dotnet.PublishPerSecond / javascript.PublishPerSecond, "0.00")}x |");
Console.WriteLine($"| request/reply p50 (µs) | {Number(dotnet.P50Micros, "0.0")} | {Number(javascript.P50Micros, "0.0")} | {Number(javascript.P50Micros / dotnet.P50Micros, "0.00")}x faster |");
Console.WriteLine($"| request/reply p99 (µs) | {Number(dotnet.P99Micros, "0.0")} | {Number(javascript.P99Micros, "0.0")} | {Number(javascript.P99Micros / dotnet.P99Micros, "0.00")}x faster |");
