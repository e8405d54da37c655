using OrleansConfig.LoadTests.Platform.Engine;

namespace OrleansConfig.LoadTests.Platform.Scenarios;

/// <summary>
/// One scenario ready to run: its open-loop rate profile and operation mix, the closed-loop long polls
/// held beside it, and for change propagation the subscribers. <see cref="Unavailable"/> lists the
/// operations left out and why; a plan without operations does not run.
/// </summary>
public sealed record ScenarioPlan(
    string Name,
    string Description,
    RateProfile Rate,
    int MaxInFlight,
    IReadOnlyList<Operation> Operations,
    IReadOnlyList<string> Unavailable)
{
    public int LongPollers { get; init; }

    public Operation? LongPoll { get; init; }

    /// <summary>
    /// Whether this is the change propagation scenario, whose writes and <see cref="Subscribers"/> the
    /// propagation runner provides.
    /// </summary>
    public bool Propagation { get; init; }

    public int Subscribers { get; init; }

    public bool Runnable => Operations.Count > 0 || Propagation;
}
