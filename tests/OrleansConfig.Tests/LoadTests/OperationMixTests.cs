using OrleansConfig.LoadTests.Platform.Engine;

namespace OrleansConfig.Tests.LoadTests;

public sealed class OperationMixTests
{
    private static readonly OperationBody Nothing = (_, _) => Task.FromResult(OperationOutcome.Success(200));

    [Fact]
    public void PickFollowsCumulativeWeights()
    {
        var mix = new OperationMix(
        [
            new Operation("read", OperationCategory.Read, 90, Nothing),
            new Operation("write", OperationCategory.Write, 10, Nothing),
        ]);

        Assert.Equal("read", mix.Pick(0).Name);
        Assert.Equal("read", mix.Pick(0.899).Name);
        Assert.Equal("write", mix.Pick(0.9).Name);
        Assert.Equal("write", mix.Pick(0.999999).Name);
    }

    [Fact]
    public void MixRejectsNonPositiveWeights()
    {
        Assert.Throws<ArgumentException>(
            () => new OperationMix([new Operation("x", OperationCategory.Read, 0, Nothing)]));
        Assert.Throws<ArgumentException>(() => new OperationMix([]));
    }

    [Fact]
    public void OutcomeCountsNotModifiedAsSuccess()
    {
        Assert.True(OperationOutcome.FromStatus(304, "GET").Ok);
        Assert.True(OperationOutcome.FromStatus(201, "PUT").Ok);
        Assert.False(OperationOutcome.FromStatus(412, "PUT").Ok);
        Assert.Equal("PUT returned 429", OperationOutcome.FromStatus(429, "PUT").Error);
    }
}
