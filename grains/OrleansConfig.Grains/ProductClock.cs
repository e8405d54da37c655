namespace OrleansConfig;

/// <summary>
/// The clock that stamps versions and other product times, registered as a keyed
/// <see cref="TimeProvider"/> apart from the one the Orleans runtime uses, so that tests can fix
/// product times without freezing membership and timers.
/// </summary>
public static class ProductClock
{
    public const string ServiceKey = "orleansconfig";
}
