using WasmCloud.Wasm.Compilation;

namespace WasmCloud.Wasm;

/// <summary>
/// The boundary every host-to-guest call crosses: it chooses the stack budget, arms interruption, and
/// turns the CLR exceptions guest arithmetic raises into Wasm traps.
/// </summary>
internal static class GuestCall
{
    public static void Run(Store store, CancellationToken cancellation, Action<int> call)
    {
        if (GuestThreads.InHostFunction)
        {
            // Re-entered from a host function: keep counting against the outer call's budget.
            if (GuestThreads.HostBudget <= 0) throw new WasmTrap(TrapKind.CallStackExhausted);
            Invoke(call, GuestThreads.HostBudget);
            return;
        }

        store.ClearInterrupt();
        using var timer = store.CallTimeout is { } timeout ? new Timer(_ => store.Interrupt(), null, timeout, Timeout.InfiniteTimeSpan) : null;
        using var registration = cancellation.CanBeCanceled ? cancellation.Register(store.Interrupt) : default;
        var budget = store.Engine.Config.MaxWasmStack;
        store.EnterCall();
        try
        {
            GuestThreads.Run(() => Invoke(call, budget));
        }
        finally
        {
            store.LeaveCall();
        }
    }

    private static void Invoke(Action<int> call, int budget)
    {
        try
        {
            call(budget);
        }
        catch (Exception e) when (AsTrap(e) is { } trap)
        {
            if (!ReferenceEquals(trap, e)) throw trap;
            throw;
        }
    }

    /// <summary>The trap an exception from guest code stands for, or null for a host function's own exception.</summary>
    private static WasmTrap? AsTrap(Exception e)
    {
        var trap = e switch
        {
            WasmTrap t => t,
            DivideByZeroException => new WasmTrap(TrapKind.IntegerDivideByZero, e),
            OverflowException => new WasmTrap(TrapKind.IntegerOverflow, e),
            _ => null,
        };
        trap?.CaptureTrace(e);
        return trap;
    }
}
