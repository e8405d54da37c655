namespace OrleansConfig.LoadTests.ChangeLatency;

/// <summary>
/// The outcome of one case: the latency from the start of each measured write to its arrival at
/// each subscriber (<see cref="Delivery"/>), the latency of the writes themselves (<see cref="Put"/>),
/// the time from the write's response to the event's arrival (<see cref="AfterResponse"/>, negative
/// when the event came first), the delivery check over all writes of the case, warm-up included, and
/// the CPU time used while the writes ran (<see cref="CpuMeter.Describe"/>).
/// </summary>
public sealed record CaseResult(
    SubscriberPath Path,
    int Subscribers,
    int MeasuredWrites,
    LatencySummary Delivery,
    LatencySummary Put,
    SignedSummary AfterResponse,
    DeliveryReport Check,
    IReadOnlyList<string> WriteErrors,
    string Cpu)
{
    public string Name => (Path == SubscriberPath.Sse ? "SSE" : "co-hosted client") + ", "
        + (Subscribers == 1 ? "1 subscriber" : $"{Subscribers} subscribers");

    public bool Passed => Check.Passed && WriteErrors.Count == 0;
}
