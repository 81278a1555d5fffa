namespace WasmCloud.Host.Capabilities;

/// <summary>
/// A capability call made for a guest, which waits on its own thread: an import is a synchronous call. The wait ends
/// with the host, and after <c>timeout</c> as a <see cref="TimeoutException"/> the caller turns into its interface's error.
/// </summary>
internal static class GuestWait
{
    public static T For<T>(Func<CancellationToken, Task<T>> operation, TimeSpan timeout, CancellationToken stopping)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(timeout);
        try
        {
            return operation(deadline.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            throw new TimeoutException($"did not answer within {timeout.TotalSeconds:0} s");
        }
    }
}
