using System.Collections.Concurrent;

namespace WasmCloud.Wasm;

/// <summary>
/// Guest code runs on dedicated threads with a large stack, so that the call-depth budget always runs
/// out before the real stack does: a .NET stack overflow cannot be caught and would end the process.
/// Calls from a host function back into the guest stay on the current guest thread.
/// </summary>
internal static class GuestThreads
{
    /// <summary>The largest budget an engine may configure; the thread stack leaves room beyond it for host frames and the JIT.</summary>
    public const int MaxBudget = 64 << 20;
    private const int ThreadStackSize = 4 * MaxBudget;

    /// <summary>Reserved from the budget whenever a host function runs, for its own .NET frames.</summary>
    public const int HostFrameReserve = 64 << 10;

    [ThreadStatic] private static bool t_isGuestThread;
    [ThreadStatic] private static int t_hostBudget;
    [ThreadStatic] private static bool t_inHostFunction;

    private static readonly ConcurrentBag<Worker> Idle = [];

    public static bool OnGuestThread => t_isGuestThread;

    /// <summary>Whether a host function called from guest code is running on this thread.</summary>
    public static bool InHostFunction => t_inHostFunction;

    /// <summary>The budget left to guest code re-entered from the host function now running.</summary>
    public static int HostBudget => t_hostBudget;

    /// <summary>Records that guest code with <paramref name="budget"/> left is calling a host function.</summary>
    public static (int Budget, bool InHost) EnterHostFunction(int budget)
    {
        var saved = (t_hostBudget, t_inHostFunction);
        t_hostBudget = budget - HostFrameReserve;
        t_inHostFunction = true;
        return saved;
    }

    public static void LeaveHostFunction((int Budget, bool InHost) saved) => (t_hostBudget, t_inHostFunction) = saved;

    /// <summary>Runs <paramref name="work"/> on a guest thread (this one if it already is) and waits for it.</summary>
    public static void Run(Action work)
    {
        if (t_isGuestThread) work();
        else Start(work).GetAwaiter().GetResult();
    }

    /// <summary>Runs <paramref name="work"/> on a guest thread; the caller's thread is free until it completes.</summary>
    public static Task RunAsync(Action work)
    {
        if (!t_isGuestThread) return Start(work);
        work();
        return Task.CompletedTask;
    }

    private static Task Start(Action work)
    {
        if (!Idle.TryTake(out var worker)) worker = new Worker();
        return worker.Start(work);
    }

    private sealed class Worker
    {
        private readonly SemaphoreSlim _start = new(0);
        private Action? _work;
        private TaskCompletionSource? _completion;

        public Worker()
        {
            var thread = new Thread(Loop, ThreadStackSize) { IsBackground = true, Name = "wasm-guest" };
            thread.Start();
        }

        public Task Start(Action work)
        {
            _work = work;
            _completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var done = _completion.Task;
            _start.Release();
            return done;
        }

        private void Loop()
        {
            t_isGuestThread = true;
            while (true)
            {
                _start.Wait();
                Exception? failure = null;
                try
                {
                    _work!();
                }
                catch (Exception e)
                {
                    failure = e;
                }
                var completion = _completion!;
                _work = null;
                _completion = null;
                // Idle again before the caller resumes, so its next call can take this worker.
                Idle.Add(this);
                if (failure is null) completion.SetResult();
                else completion.SetException(failure);
            }
        }
    }
}
