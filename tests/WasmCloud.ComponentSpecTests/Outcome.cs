namespace WasmCloud.ComponentSpecTests;

/// <summary>How one command of a script ended: passed, failed, or not runnable (with the reason).</summary>
public enum Outcome { Passed, Failed, NotRunnable }

public sealed record CommandResult(int Index, string Type, Outcome Outcome, string Detail);
