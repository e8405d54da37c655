// Test classes start real clusters and processes; on a 2-core machine running them one at a time
// keeps timings predictable.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace OrleansConfig.Tests.Infrastructure
{
    using System.Runtime.CompilerServices;
    using System.Security.Cryptography;

    internal static class AuditKeyInitializer
    {
        /// <summary>
        /// Gives in-process silos and the silo processes the tests start one audit key for the whole
        /// run, so that a chain written by one cluster verifies in the next.
        /// </summary>
        [ModuleInitializer]
        internal static void SetAuditKey()
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ORLEANSCONFIG_AUDIT_KEY")))
            {
                Environment.SetEnvironmentVariable("ORLEANSCONFIG_AUDIT_KEY",
                    Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
            }
        }
    }
}
