namespace WasmCloud.Wasi.Preview2.Io;

/// <summary>
/// The host object behind a pollable: a function giving the task that completes when the awaited thing is
/// ready (asked again on each poll, because a stream's readiness changes as it is used). Waiting blocks on
/// the task, so a guest waiting on a timer or a stream holds no spinning thread.
/// </summary>
internal sealed class Pollable(Func<Task> ready)
{
    public Task Ready => ready();

    public static Pollable Completed { get; } = new(() => Task.CompletedTask);
}
