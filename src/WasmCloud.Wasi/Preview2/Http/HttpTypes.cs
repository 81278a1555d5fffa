using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Components.Types;
using WasmCloud.Wasi.Preview2.Io;

namespace WasmCloud.Wasi.Preview2.Http;

/// <summary>
/// wasi:http/types: fields, requests, responses, their bodies (streamed through wasi:io streams) and the
/// futures of trailers and responses. The headers of a request or response are immutable once it owns them;
/// each body and each body's stream may be taken once.
/// </summary>
internal static class HttpTypes
{
    public static void Define(WasiPreview2 wasi, ComponentLinker linker)
    {
        var http = wasi.Http;
        var types = new HostInterface("wasi:http/types")
            .Resource("input-stream", wasi.InputStream)
            .Resource("output-stream", wasi.OutputStream)
            .Resource("io-error", wasi.IoError)
            .Resource("pollable", wasi.Pollable)
            .ValueTypes("duration", "method", "scheme", "error-code", "DNS-error-payload", "TLS-alert-received-payload", "field-size-payload",
                "header-error", "field-key", "field-name", "field-value", "status-code")
            .Resource("fields", http.Fields)
            .Resource("headers", http.Fields)
            .Resource("trailers", http.Fields)
            .Resource("incoming-request", http.IncomingRequest)
            .Resource("outgoing-request", http.OutgoingRequest)
            .Resource("request-options", http.RequestOptions)
            .Resource("response-outparam", http.ResponseOutparam)
            .Resource("incoming-response", http.IncomingResponse)
            .Resource("incoming-body", http.IncomingBody)
            .Resource("future-trailers", http.FutureTrailers)
            .Resource("outgoing-response", http.OutgoingResponse)
            .Resource("outgoing-body", http.OutgoingBody)
            .Resource("future-incoming-response", http.FutureIncomingResponse)
            .Function("http-error-code", Wit.Func(Wit.Option(ErrorCode.Type), ("err", wasi.IoError.Borrow)), args =>
                wasi.IoError.Get<IoError>(args[0]).Exception is HttpRequestException or HttpErrorException or OperationCanceledException
                    ? Val.Some(ErrorCode.Of(wasi.IoError.Get<IoError>(args[0]).Exception))
                    : Val.None);
        DefineFields(http, types);
        DefineMessages(http, types);
        DefineBodies(wasi, types);
        types.DefineIn(linker);
    }

    private static void DefineFields(HttpResources http, HostInterface types)
    {
        var fields = http.Fields;
        var headerResult = Wit.Result(null, HttpValues.HeaderError);
        Fields Self(ComponentValue[] args) => fields.Get<Fields>(args[0]);
        static ComponentValue Checked(Action change)
        {
            try
            {
                change();
                return Val.Unit;
            }
            catch (HeaderException e)
            {
                return Val.Error(new VariantValue(e.Code, null));
            }
        }

        types
            .Function("[constructor]fields", Wit.Func(fields.Own), (cx, _) => fields.New(cx, new Fields()))
            .Function("[static]fields.from-list", Wit.Func(Wit.Result(fields.Own, HttpValues.HeaderError), ("entries", HttpValues.Entries)), (cx, args) =>
            {
                try
                {
                    return Val.Ok(fields.New(cx, Fields.FromGuest(HttpValues.ToEntries(args[0]))));
                }
                catch (HeaderException e)
                {
                    return Val.Error(new VariantValue(e.Code, null));
                }
            })
            .Method(fields, "fields", "get", Wit.List(Wit.Bytes), [("name", Wit.String)],
                args => new ListValue([.. Self(args).Get(Val.ToText(args[1])).Select(v => Val.Bytes(v))]))
            .Method(fields, "fields", "has", Wit.Bool, [("name", Wit.String)], args => ComponentValue.Bool(Self(args).Has(Val.ToText(args[1]))))
            .Method(fields, "fields", "set", headerResult, [("name", Wit.String), ("value", Wit.List(Wit.Bytes))],
                args => Checked(() => Self(args).Set(Val.ToText(args[1]), [.. Val.ToList(args[2]).Select(Val.ToBytes)])))
            .Method(fields, "fields", "delete", headerResult, [("name", Wit.String)], args => Checked(() => Self(args).Delete(Val.ToText(args[1]))))
            .Method(fields, "fields", "append", headerResult, [("name", Wit.String), ("value", Wit.Bytes)],
                args => Checked(() => Self(args).Append(Val.ToText(args[1]), Val.ToBytes(args[2]))))
            .Method(fields, "fields", "entries", HttpValues.Entries, [], args => HttpValues.FromEntries(Self(args).Entries))
            // A clone is the guest's own: mutable even when the original belongs to a message.
            .Method(fields, "fields", "clone", fields.Own, [], (cx, args) => fields.New(cx, Self(args).Clone()));
    }

    private static void DefineMessages(HttpResources http, HostInterface types)
    {
        ValType unit = Wit.Result(null, null);
        var optionalText = Wit.Option(Wit.String);
        var optionalScheme = Wit.Option(HttpValues.Scheme);
        var optionalDuration = Wit.Option(Wit.U64);
        var incoming = http.IncomingRequest;
        var outgoing = http.OutgoingRequest;
        var options = http.RequestOptions;
        var response = http.OutgoingResponse;
        var received = http.IncomingResponse;
        IncomingRequest In(ComponentValue[] args) => incoming.Get<IncomingRequest>(args[0]);
        OutgoingRequest Out(ComponentValue[] args) => outgoing.Get<OutgoingRequest>(args[0]);
        RequestOptions Options(ComponentValue[] args) => options.Get<RequestOptions>(args[0]);
        OutgoingResponse Response(ComponentValue[] args) => response.Get<OutgoingResponse>(args[0]);
        IncomingResponse Received(ComponentValue[] args) => received.Get<IncomingResponse>(args[0]);
        static ComponentValue Done(Action change)
        {
            change();
            return Val.Unit;
        }
        static ComponentValue Duration(ulong? nanoseconds) => nanoseconds is { } value ? Val.Some(Val.U64(value)) : Val.None;
        static ulong? ToDuration(ComponentValue option) => Val.ToVariant(option).Payload is { } value ? Val.ToU64(value) : null;
        // A message's headers: the guest may read them, no longer change them.
        Fields Owned(ComponentValue handle)
        {
            var headers = http.Fields.Take<Fields>(handle);
            headers.Immutable = true;
            return headers;
        }
        ComponentValue GiveBody(WasiContext cx, OutgoingBody body) => body.TryGive() ? Val.Ok(http.OutgoingBody.New(cx, body)) : Val.Error(Val.Unit);
        ComponentValue TakeBody(WasiContext cx, IncomingBody? body, Action taken)
        {
            if (body is null) return Val.Error(Val.Unit);
            taken();
            return Val.Ok(http.IncomingBody.New(cx, body));
        }

        types
            .Method(incoming, "incoming-request", "method", HttpValues.Method, [], args => HttpValues.FromMethod(In(args).Method))
            .Method(incoming, "incoming-request", "path-with-query", optionalText, [], args => HttpValues.OptionalText(In(args).PathWithQuery))
            .Method(incoming, "incoming-request", "scheme", optionalScheme, [], args => In(args).Scheme is { } s ? Val.Some(HttpValues.FromScheme(s)) : Val.None)
            .Method(incoming, "incoming-request", "authority", optionalText, [], args => HttpValues.OptionalText(In(args).Authority))
            .Method(incoming, "incoming-request", "headers", http.Fields.Own, [], (cx, args) => http.Fields.New(cx, In(args).Headers))
            .Method(incoming, "incoming-request", "consume", Wit.Result(http.IncomingBody.Own, null), [],
                (cx, args) => TakeBody(cx, In(args).Body, () => In(args).Body = null))

            .Function("[constructor]outgoing-request", Wit.Func(outgoing.Own, ("headers", http.Fields.Own)),
                (cx, args) => outgoing.New(cx, new OutgoingRequest(Owned(args[0]))))
            .Method(outgoing, "outgoing-request", "body", Wit.Result(http.OutgoingBody.Own, null), [], (cx, args) => GiveBody(cx, Out(args).Body))
            .Method(outgoing, "outgoing-request", "method", HttpValues.Method, [], args => HttpValues.FromMethod(Out(args).Method))
            .Method(outgoing, "outgoing-request", "set-method", unit, [("method", HttpValues.Method)], args => Done(() => Out(args).Method = HttpValues.ToMethod(args[1])))
            .Method(outgoing, "outgoing-request", "path-with-query", optionalText, [], args => HttpValues.OptionalText(Out(args).PathWithQuery))
            .Method(outgoing, "outgoing-request", "set-path-with-query", unit, [("path-with-query", optionalText)],
                args => Done(() => Out(args).PathWithQuery = HttpValues.ToOptionalText(args[1])))
            .Method(outgoing, "outgoing-request", "scheme", optionalScheme, [], args => Out(args).Scheme is { } s ? Val.Some(HttpValues.FromScheme(s)) : Val.None)
            .Method(outgoing, "outgoing-request", "set-scheme", unit, [("scheme", optionalScheme)],
                args => Done(() => Out(args).Scheme = Val.ToVariant(args[1]).Payload is { } s ? HttpValues.ToScheme(s) : null))
            .Method(outgoing, "outgoing-request", "authority", optionalText, [], args => HttpValues.OptionalText(Out(args).Authority))
            .Method(outgoing, "outgoing-request", "set-authority", unit, [("authority", optionalText)],
                args => Done(() => Out(args).Authority = HttpValues.ToOptionalText(args[1])))
            .Method(outgoing, "outgoing-request", "headers", http.Fields.Own, [], (cx, args) => http.Fields.New(cx, Out(args).Headers))

            .Function("[constructor]request-options", Wit.Func(options.Own), (cx, _) => options.New(cx, new RequestOptions()))
            .Method(options, "request-options", "connect-timeout", optionalDuration, [], args => Duration(Options(args).ConnectTimeout))
            .Method(options, "request-options", "set-connect-timeout", unit, [("duration", optionalDuration)],
                args => Done(() => Options(args).ConnectTimeout = ToDuration(args[1])))
            .Method(options, "request-options", "first-byte-timeout", optionalDuration, [], args => Duration(Options(args).FirstByteTimeout))
            .Method(options, "request-options", "set-first-byte-timeout", unit, [("duration", optionalDuration)],
                args => Done(() => Options(args).FirstByteTimeout = ToDuration(args[1])))
            .Method(options, "request-options", "between-bytes-timeout", optionalDuration, [], args => Duration(Options(args).BetweenBytesTimeout))
            .Method(options, "request-options", "set-between-bytes-timeout", unit, [("duration", optionalDuration)],
                args => Done(() => Options(args).BetweenBytesTimeout = ToDuration(args[1])))

            .Function("[static]response-outparam.set", Wit.Func(null, ("param", http.ResponseOutparam.Own), ("response", Wit.Result(response.Own, ErrorCode.Type))), args =>
            {
                var outparam = http.ResponseOutparam.Take<ResponseOutparam>(args[0]);
                if (Val.ToVariant(args[1]) is ("ok", { } handle)) outparam.Set(response.Take<OutgoingResponse>(handle));
                else outparam.Fail(Val.ToVariant(args[1]).Payload!);
                return null;
            })

            .Function("[constructor]outgoing-response", Wit.Func(response.Own, ("headers", http.Fields.Own)),
                (cx, args) => response.New(cx, new OutgoingResponse(Owned(args[0]))))
            .Method(response, "outgoing-response", "status-code", HttpValues.U16, [], args => ComponentValue.U16(Response(args).Status))
            .Method(response, "outgoing-response", "set-status-code", unit, [("status-code", HttpValues.U16)], args =>
            {
                var status = (ushort)((IntegerValue)args[1]).Bits;
                if (status is < 100 or > 599) return Val.Error(Val.Unit);
                Response(args).Status = status;
                return Val.Unit;
            })
            .Method(response, "outgoing-response", "headers", http.Fields.Own, [], (cx, args) => http.Fields.New(cx, Response(args).Headers))
            .Method(response, "outgoing-response", "body", Wit.Result(http.OutgoingBody.Own, null), [], (cx, args) => GiveBody(cx, Response(args).Body))

            .Method(received, "incoming-response", "status", HttpValues.U16, [], args => ComponentValue.U16(Received(args).Status))
            .Method(received, "incoming-response", "headers", http.Fields.Own, [], (cx, args) => http.Fields.New(cx, Received(args).Headers))
            .Method(received, "incoming-response", "consume", Wit.Result(http.IncomingBody.Own, null), [],
                (cx, args) => TakeBody(cx, Received(args).Body, () => Received(args).Body = null));
    }

    private static void DefineBodies(WasiPreview2 wasi, HostInterface types)
    {
        var http = wasi.Http;
        var trailers = http.FutureTrailers;
        var responses = http.FutureIncomingResponse;
        ValType Future(ValType value) => Wit.Option(Wit.Result(Wit.Result(value, ErrorCode.Type), null));

        types
            .Method(http.IncomingBody, "incoming-body", "stream", Wit.Result(wasi.InputStream.Own, null), [], (cx, args) =>
                http.IncomingBody.Get<IncomingBody>(args[0]).TakeStream() is { } stream ? Val.Ok(wasi.InputStream.New(cx, stream)) : Val.Error(Val.Unit))
            .Function("[static]incoming-body.finish", Wit.Func(trailers.Own, ("this", http.IncomingBody.Own)),
                (cx, args) => trailers.New(cx, new HostFuture<Fields?>(http.IncomingBody.Take<IncomingBody>(args[0]).FinishAsync())))
            .Method(trailers, "future-trailers", "subscribe", wasi.Pollable.Own, [], (cx, args) =>
            {
                var future = trailers.Get<HostFuture<Fields?>>(args[0]);
                return wasi.Pollable.New(cx, new Pollable(() => future.Ready));
            })
            .Method(trailers, "future-trailers", "get", Future(Wit.Option(http.Fields.Own)), [], (cx, args) =>
                trailers.Get<HostFuture<Fields?>>(args[0]).Get(fields => fields is null ? Val.None : Val.Some(http.Fields.New(cx, fields))))

            .Method(http.OutgoingBody, "outgoing-body", "write", Wit.Result(wasi.OutputStream.Own, null), [], (cx, args) =>
                http.OutgoingBody.Get<OutgoingBody>(args[0]).TakeStream() is { } stream ? Val.Ok(wasi.OutputStream.New(cx, stream)) : Val.Error(Val.Unit))
            .Function("[static]outgoing-body.finish", Wit.Func(Wit.Result(null, ErrorCode.Type), ("this", http.OutgoingBody.Own), ("trailers", Wit.Option(http.Fields.Own))), (cx, args) =>
            {
                var body = http.OutgoingBody.Take<OutgoingBody>(args[0]);
                try
                {
                    body.Finish(cx, Val.ToVariant(args[1]).Payload is { } handle ? http.Fields.Take<Fields>(handle) : null);
                    return Val.Unit;
                }
                catch (IOException e)
                {
                    return Val.Error(ErrorCode.InternalError(e.Message));
                }
            })

            .Method(responses, "future-incoming-response", "subscribe", wasi.Pollable.Own, [], (cx, args) =>
            {
                var future = responses.Get<HostFuture<IncomingResponse>>(args[0]);
                return wasi.Pollable.New(cx, new Pollable(() => future.Ready));
            })
            .Method(responses, "future-incoming-response", "get", Future(http.IncomingResponse.Own), [], (cx, args) =>
                responses.Get<HostFuture<IncomingResponse>>(args[0]).Get(response => http.IncomingResponse.New(cx, response)));
    }
}
