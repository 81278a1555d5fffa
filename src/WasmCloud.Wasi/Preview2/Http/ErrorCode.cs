using System.Net.Sockets;
using WasmCloud.Components;
using WasmCloud.Components.Types;

namespace WasmCloud.Wasi.Preview2.Http;

/// <summary>wasi:http's <c>error-code</c>: its type, and the case a .NET failure of an HTTP exchange maps to.</summary>
public static class ErrorCode
{
    private static readonly ValType FieldSize = Wit.Record(("field-name", Wit.Option(Wit.String)), ("field-size", Wit.Option(Wit.U32)));

    public static readonly ValType Type = Wit.Variant(
        ("DNS-timeout", null),
        ("DNS-error", Wit.Record(("rcode", Wit.Option(Wit.String)), ("info-code", Wit.Option(ValType.Of(Components.Format.PrimitiveType.U16))))),
        ("destination-not-found", null), ("destination-unavailable", null), ("destination-IP-prohibited", null),
        ("destination-IP-unroutable", null), ("connection-refused", null), ("connection-terminated", null),
        ("connection-timeout", null), ("connection-read-timeout", null), ("connection-write-timeout", null),
        ("connection-limit-reached", null), ("TLS-protocol-error", null), ("TLS-certificate-error", null),
        ("TLS-alert-received", Wit.Record(("alert-id", Wit.Option(Wit.U8)), ("alert-message", Wit.Option(Wit.String)))),
        ("HTTP-request-denied", null), ("HTTP-request-length-required", null), ("HTTP-request-body-size", Wit.Option(Wit.U64)),
        ("HTTP-request-method-invalid", null), ("HTTP-request-URI-invalid", null), ("HTTP-request-URI-too-long", null),
        ("HTTP-request-header-section-size", Wit.Option(Wit.U32)), ("HTTP-request-header-size", Wit.Option(FieldSize)),
        ("HTTP-request-trailer-section-size", Wit.Option(Wit.U32)), ("HTTP-request-trailer-size", FieldSize),
        ("HTTP-response-incomplete", null), ("HTTP-response-header-section-size", Wit.Option(Wit.U32)),
        ("HTTP-response-header-size", FieldSize), ("HTTP-response-body-size", Wit.Option(Wit.U64)),
        ("HTTP-response-trailer-section-size", Wit.Option(Wit.U32)), ("HTTP-response-trailer-size", FieldSize),
        ("HTTP-response-transfer-coding", Wit.Option(Wit.String)), ("HTTP-response-content-coding", Wit.Option(Wit.String)),
        ("HTTP-response-timeout", null), ("HTTP-upgrade-failed", null), ("HTTP-protocol-error", null),
        ("loop-detected", null), ("configuration-error", null), ("internal-error", Wit.Option(Wit.String)));

    /// <summary>The error-code of a failed exchange (an HTTP client's exception), <c>internal-error</c> when none fits.</summary>
    public static ComponentValue Of(Exception failure) => failure switch
    {
        HttpErrorException e => e.Code,
        HttpRequestException { InnerException: HttpErrorException e } => e.Code,
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => Case("TLS-certificate-error"),
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } => Case("connection-refused"),
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } =>
            new VariantValue("DNS-error", new RecordValue([("rcode", Val.None), ("info-code", Val.None)])),
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => Case("connection-terminated"),
        HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => Case("HTTP-response-incomplete"),
        OperationCanceledException => Case("connection-timeout"),
        _ => InternalError(failure.Message),
    };

    public static ComponentValue Case(string name) => new VariantValue(name, null);

    public static ComponentValue InternalError(string message) => new VariantValue("internal-error", Val.Some(ComponentValue.String(message)));
}

/// <summary>An HTTP exchange failed with a known <c>error-code</c> (a denied host, an error the guest reported).</summary>
public sealed class HttpErrorException(ComponentValue code) : Exception($"HTTP error {code}")
{
    public ComponentValue Code { get; } = code;
}
