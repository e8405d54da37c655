using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Identity;

/// <summary>
/// Guards the comparison of a presented secret with the stored one against an early-exit compare.
/// A timing measurement would be a flaky timed test, so the test reads the grain's source instead:
/// the comparison must be <c>CryptographicOperations.FixedTimeEquals</c>, which reads every byte.
/// Both sides are SHA-256 hashes as well, so a caller cannot steer which byte differs first.
/// </summary>
public sealed class SecretComparisonTests
{
    private static readonly string GrainSource = File.ReadAllText(
        Path.Combine(RepositoryPaths.Root, "grains", "OrleansConfig.Grains", "Identity", "ApiKeyGrain.cs"));

    [Fact]
    public void KeyGrain_ComparesWithFixedTimeEquals()
    {
        Assert.Contains("CryptographicOperations.FixedTimeEquals(key.SecretHash, secretHash)", GrainSource);
    }

    [Theory]
    [InlineData("SequenceEqual")]
    [InlineData("SecretHash ==")]
    [InlineData("SecretHash.Equals")]
    public void KeyGrain_HasNoEarlyExitCompare(string pattern)
    {
        Assert.DoesNotContain(pattern, GrainSource);
    }
}
