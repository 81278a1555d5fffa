using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WasmCloud.Wasi.Preview2.Http;
using WasmCloud.Wasm;

namespace WasmCloud.Wasi.Tests;

/// <summary>
/// wasi:http through real HTTP on 127.0.0.1: the componentize-js example (examples/http-hello-js) answers,
/// echoes a 10 MB body streamed both ways and fetches from a local Kestrel server; Fixtures/http_guest.wat
/// traps, spins and exhausts its memory, each failing only its own request, with fresh and with warm instances.
/// </summary>
public sealed class HttpServeTests
{
    private const string Hello = "http_hello.wasm";
    private const string Misbehaving = "http_guest.component.wasm";
    private const string CompiledHello = "http_hello_c.wasm";
    private const string JsHandler = "http_handler.wasm";

    [Fact]
    public async Task AnswersARequestThroughAFreshInstance()
    {
        await using var server = await HttpServer.StartAsync(Hello);
        for (var i = 0; i < 2; i++)
        {
            using var response = await server.Client.GetAsync("/greeting?x=1");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("http-hello-js", Assert.Single(response.Headers.GetValues("x-example")));
            Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
            Assert.Equal("Hello from wasmCloud for .NET! GET /greeting\n", await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>
    /// Fixtures/http_hello.jco-answers.json holds how the same component answered under `jco serve` (recorded
    /// by record_jco_answers.mjs): the .NET host must answer alike, but for the headers HTTP servers add.
    /// </summary>
    [Fact]
    public async Task AnswersAsUnderJcoServe()
    {
        await using var server = await HttpServer.StartAsync(Hello);
        var recorded = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "http_hello.jco-answers.json")));
        foreach (var answer in recorded.RootElement.EnumerateArray())
        {
            var request = answer.GetProperty("request");
            using var message = new HttpRequestMessage(new HttpMethod(request.GetProperty("method").GetString()!), request.GetProperty("path").GetString());
            if (request.TryGetProperty("body", out var body)) message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.GetString()!));
            using var response = await server.Client.SendAsync(message);
            var headers = response.Headers.Concat(response.Content.Headers)
                .Select(h => (Name: h.Key.ToLowerInvariant(), Value: string.Join(", ", h.Value)))
                .Where(h => h.Name is not ("date" or "connection" or "keep-alive" or "transfer-encoding" or "server"))
                .OrderBy(h => h.Name, StringComparer.Ordinal);
            var expected = answer.GetProperty("headers").EnumerateArray().Select(h => (Name: h[0].GetString()!, Value: h[1].GetString()!));
            Assert.Equal(answer.GetProperty("status").GetInt32(), (int)response.StatusCode);
            Assert.Equal(expected, headers);
            Assert.Equal(answer.GetProperty("body").GetString(), await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task ServesConcurrentRequests()
    {
        await using var server = await HttpServer.StartAsync(Hello);
        var bodies = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => server.Client.GetStringAsync($"/r{i}")));
        for (var i = 0; i < bodies.Length; i++) Assert.Equal($"Hello from wasmCloud for .NET! GET /r{i}\n", bodies[i]);
    }

    /// <summary>
    /// The request body's second half is only sent once the echo's first bytes came back: were either body
    /// held whole anywhere on the way (host or guest), the exchange could not complete. A raw socket, since
    /// HttpClient reads an HTTP/1.1 response only after sending the whole request.
    /// </summary>
    [Fact]
    public async Task StreamsTenMegabytesEachWayWithoutHoldingEitherWhole()
    {
        const int size = 10 * 1024 * 1024;
        await using var server = await HttpServer.StartAsync(Hello);
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(server.Client.BaseAddress!.Host, server.Client.BaseAddress.Port);
        var connection = client.GetStream();
        var echoStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sending = ChunkedUpload.SendAsync(connection, "/echo", size, echoStarted.Task);
        var reader = new ChunkedUpload.ResponseReader(connection);
        Assert.Equal(200, await reader.ReadStatusAsync());
        long received = 0;
        while (await reader.ReadChunkAsync() is { Length: > 0 } chunk)
        {
            for (var i = 0; i < chunk.Length; i++) Assert.Equal(ChunkedUpload.ByteAt(received + i), chunk[i]);
            received += chunk.Length;
            echoStarted.TrySetResult();
        }
        await sending;
        Assert.Equal(size, received);
    }

    [Fact]
    public async Task ResponseTrailersFollowTheLastChunk()
    {
        await using var server = await HttpServer.StartAsync(Misbehaving);
        using var response = await server.Client.GetAsync("/x");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("none", Assert.Single(response.TrailingHeaders.GetValues("x-trailer")));
    }

    [Fact]
    public async Task RequestTrailersReachTheGuest()
    {
        await using var server = await HttpServer.StartAsync(Misbehaving);
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(server.Client.BaseAddress!.Host, server.Client.BaseAddress.Port);
        var connection = client.GetStream();
        // HttpClient cannot send request trailers, so the chunked request is written by hand.
        await connection.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /x HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\nx-checksum: abc123\r\n\r\n"));
        var response = await new StreamReader(connection, Encoding.ASCII).ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.StartsWith("HTTP/1.1 200", response);
        Assert.Contains("x-checksum: abc123\r\n", response);
    }

    [Fact]
    public async Task SendsOutgoingRequestsOnlyToAllowedHosts()
    {
        var upstreamHits = 0;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var upstream = builder.Build();
        upstream.Run(async context =>
        {
            Interlocked.Increment(ref upstreamHits);
            context.Response.StatusCode = 201;
            await context.Response.WriteAsync($"upstream saw {context.Request.Method} {context.Request.Path}");
        });
        await upstream.StartAsync();
        var address = new Uri(upstream.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var target = Uri.EscapeDataString($"http://127.0.0.1:{address.Port}/thing");

        await using (var allowed = await HttpServer.StartAsync(Hello, new HttpServerOptions { AllowedHttpHosts = new HashSet<string> { $"127.0.0.1:{address.Port}" } }))
        {
            using var response = await allowed.Client.GetAsync($"/fetch?url={target}");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Equal("201", Assert.Single(response.Headers.GetValues("x-upstream-status")));
            Assert.Equal("upstream saw GET /thing", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(1, upstreamHits);

        await using (var denied = await HttpServer.StartAsync(Hello))
        {
            try
            {
                using var response = await denied.Client.GetAsync($"/fetch?url={target}");
                Assert.NotEqual(HttpStatusCode.Created, response.StatusCode);
            }
            catch (HttpRequestException)
            {
                // The guest's fetch failed and it abandoned the response it had started: the connection is aborted.
            }
        }
        Assert.Equal(1, upstreamHits);
    }

    [Fact]
    public async Task TheCompiledHelloAnswersEveryRequest()
    {
        await using var server = await HttpServer.StartAsync(CompiledHello, new HttpServerOptions { MaxInvocations = 4 });
        for (var i = 0; i < 10; i++)
        {
            using var response = await server.Client.GetAsync($"/{i}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
            Assert.Equal("Hello from C!\n", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task AFetchEventComponentAskedToReuseInstancesStillAnswersEveryRequest()
    {
        // StarlingMonkey answers one fetch event per instance; the second request to a warm one comes back unanswered
        // and unread, so it is served by a fresh instance, as is every request after it.
        await using var server = await HttpServer.StartAsync(Hello, new HttpServerOptions { MaxInvocations = 10 });
        for (var i = 0; i < 4; i++)
            Assert.Equal("Hello from wasmCloud for .NET! GET /again\n", await server.Client.GetStringAsync("/again"));
    }

    [Fact]
    public async Task AJavaScriptHandlerExportServesManyRequestsFromOneWarmInstance()
    {
        await using var server = await HttpServer.StartAsync(JsHandler, new HttpServerOptions { MaxInvocations = 10 });
        var served = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await server.Client.GetAsync($"/n{i}?q=1");
            Assert.Equal("http-hello-js", Assert.Single(response.Headers.GetValues("x-example")));
            Assert.Equal($"Hello from wasmCloud for .NET! GET /n{i}\n", await response.Content.ReadAsStringAsync());
            served.Add(int.Parse(Assert.Single(response.Headers.GetValues("x-served"))));
        }
        // x-served counts the requests the answering instance has served: one instance for ten, then a fresh one.
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 2], served);
    }

    [Fact]
    public async Task EachRequestGetsAFreshInstanceByDefault()
    {
        await using var server = await HttpServer.StartAsync(Misbehaving);
        for (var i = 0; i < 3; i++) Assert.Equal(201, await StatusOf(server, "/n"));
    }

    [Fact]
    public async Task AWarmInstanceServesUpToItsLimitThenMakesWayForAFreshOne()
    {
        await using var server = await HttpServer.StartAsync(Misbehaving, new HttpServerOptions { MaxInvocations = 3 });
        var statuses = new List<int>();
        // One request at a time: the one warm instance serves each, until it has served three.
        for (var i = 0; i < 7; i++) statuses.Add(await StatusOf(server, "/n"));
        Assert.Equal([201, 202, 203, 201, 202, 203, 201], statuses);
    }

    [Fact]
    public async Task AFailedRequestDiscardsItsWarmInstance()
    {
        await using var server = await HttpServer.StartAsync(Misbehaving, new HttpServerOptions
        {
            MaxInvocations = 100,
            RequestTimeout = TimeSpan.FromSeconds(1),
            Limits = new StoreLimits { MaxMemoryPages = 1024 },
        });
        foreach (var failing in new[] { "/trap", "/loop", "/memory" })
        {
            Assert.Equal(201, await StatusOf(server, "/n"));
            Assert.Equal(202, await StatusOf(server, "/n"));
            // The failing request takes the warm instance and fails; the next request starts afresh.
            Assert.Equal(500, await StatusOf(server, failing));
        }
        Assert.Equal(201, await StatusOf(server, "/n"));
    }

    private static async Task<int> StatusOf(HttpServer server, string path)
    {
        using var response = await server.Client.GetAsync(path);
        return (int)response.StatusCode;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public async Task AFailingGuestFailsOnlyItsOwnRequest(int maxInvocations)
    {
        await using var server = await HttpServer.StartAsync(Misbehaving, new HttpServerOptions
        {
            RequestTimeout = TimeSpan.FromSeconds(1),
            Limits = new StoreLimits { MaxMemoryPages = 1024 },
            MaxInvocations = maxInvocations,
        });
        foreach (var path in new[] { "/ok", "/trap", "/ok", "/loop", "/ok", "/memory", "/ok" })
        {
            using var response = await server.Client.GetAsync(path);
            Assert.Equal(path == "/ok" ? HttpStatusCode.OK : HttpStatusCode.InternalServerError, response.StatusCode);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public async Task ASpinningRequestDoesNotHoldUpTheOthers(int maxInvocations)
    {
        // The timeout is far longer than any ordinary request takes, so which request ends first is not a race.
        await using var server = await HttpServer.StartAsync(Misbehaving, new HttpServerOptions { RequestTimeout = TimeSpan.FromSeconds(10), MaxInvocations = maxInvocations });
        var spinning = server.Client.GetAsync("/loop");
        var meanwhile = server.Client.GetAsync("/ok");
        Assert.Same(meanwhile, await Task.WhenAny(spinning, meanwhile));
        using (var answer = await meanwhile) Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using (var timedOut = await spinning) Assert.Equal(HttpStatusCode.InternalServerError, timedOut.StatusCode);
    }

    [Fact]
    public async Task ACommandComponentIsRefusedBeforeAnythingListens()
    {
        var failure = await Assert.ThrowsAsync<WasmCloud.Components.ComponentException>(() => HttpServer.StartAsync("command_probe.component.wasm"));
        Assert.Equal("the component exports no wasi:http/incoming-handler@0.2.x: it cannot serve HTTP", failure.Message);
    }
}
