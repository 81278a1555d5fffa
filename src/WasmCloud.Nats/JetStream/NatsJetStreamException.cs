namespace WasmCloud.Nats.JetStream;

/// <summary>A <c>$JS.API</c> call answered with an error.</summary>
public class NatsJetStreamException(ApiError error)
    : NatsException($"JetStream error {error.ErrCode} (status {error.Code}): {error.Description}")
{
    /// <summary>JetStream's specific error codes that callers act on.</summary>
    public static class Codes
    {
        public const int StreamNotFound = 10059;
        public const int ConsumerNotFound = 10014;
        public const int NoMessageFound = 10037;
        public const int WrongLastSequence = 10071;
        public const int StreamNameInUse = 10058;
    }

    public ApiError Error { get; } = error;
    public int ErrorCode => Error.ErrCode;
}
