using Orleans.Configuration;

namespace OrleansConfig.Hosting;

/// <summary>
/// Failure-detection timings. Orleans' defaults took 6 to 14 seconds to declare a killed silo dead
/// in measurements on a 2-core machine. The moderate values here take a few seconds. The fast ones
/// take about one second at the risk of false declarations under load, which only tests accept.
/// </summary>
public static class ClusterTimings
{
    public static void Apply(ClusterMembershipOptions options, bool fast)
    {
        ArgumentNullException.ThrowIfNull(options);

        options.ProbeTimeout = fast ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(2);
        options.NumMissedProbesLimit = fast ? 2 : 3;
        options.NumVotesForDeathDeclaration = fast ? 1 : 2;
        options.TableRefreshTimeout = fast ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10);
        options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
    }
}
