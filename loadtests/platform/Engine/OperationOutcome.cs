namespace OrleansConfig.LoadTests.Platform.Engine;

/// <summary>
/// The result of one request: the HTTP status (0 when none arrived, 200 for a successful grain call)
/// and, for a failed request, what went wrong. 2xx and 304 are successes.
/// </summary>
public readonly record struct OperationOutcome(int Status, string? Error)
{
    public bool Ok => Error is null;

    public static OperationOutcome Success(int status) => new(status, null);

    public static OperationOutcome Failure(int status, string error) => new(status, error);

    /// <summary>Returns a success for 2xx and 304, and a failure naming the status otherwise.</summary>
    public static OperationOutcome FromStatus(int status, string operation) =>
        status is >= 200 and < 300 or 304
            ? Success(status)
            : Failure(status, $"{operation} returned {status}");
}

/// <summary>What an operation exercises; the service level objectives are set per category.</summary>
public enum OperationCategory
{
    Read,
    Write,
    FlagEvaluation,
    SecretAccess,
    Audit,
    Report,
    Propagation,

    /// <summary>A long poll held open until a change or its timeout: its time is the hold, not a latency.</summary>
    LongPoll,
}
