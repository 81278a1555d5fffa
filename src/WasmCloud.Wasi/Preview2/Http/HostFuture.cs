using WasmCloud.Components;

namespace WasmCloud.Wasi.Preview2.Http;

/// <summary>
/// The host object behind <c>future-trailers</c> and <c>future-incoming-response</c>: a task the guest polls
/// through a pollable and reads once with <c>get</c>.
/// </summary>
internal sealed class HostFuture<T>(Task<T> task)
{
    private bool _taken;

    public Task Ready => task;

    /// <summary>
    /// <c>option&lt;result&lt;result&lt;T, error-code&gt;&gt;&gt;</c>: none until ready, then once the value or the
    /// error-code, and an error after that.
    /// </summary>
    public ComponentValue Get(Func<T, ComponentValue> value)
    {
        if (!task.IsCompleted) return Val.None;
        if (_taken) return Val.Some(Val.Error(Val.Unit));
        _taken = true;
        return Val.Some(Val.Ok(task.IsCompletedSuccessfully ? Val.Ok(value(task.Result)) : Val.Error(ErrorCode.Of(task.Exception!.InnerException!))));
    }
}
