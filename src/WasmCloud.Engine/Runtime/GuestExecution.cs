namespace WasmCloud.Wasm;

/// <summary>
/// For servers: runs a piece of work that calls into guest code (instantiate, call, read results) wholly on a
/// guest thread, and completes a task when it is done, so no request thread waits on a guest thread.
/// <see cref="Func.Call(Value[])"/> used inside runs inline on that thread.
/// </summary>
public static class GuestExecution
{
    public static Task RunAsync(Action work) => GuestThreads.RunAsync(work);

    public static async Task<T> RunAsync<T>(Func<T> work)
    {
        T result = default!;
        await GuestThreads.RunAsync(() => result = work()).ConfigureAwait(false);
        return result;
    }
}
