using OrleansConfig.LoadTests.Platform.Engine;

namespace OrleansConfig.Tests.LoadTests;

public sealed class ArrivalScheduleTests
{
    [Fact]
    public void ConstantRateSpacesArrivalsEvenly()
    {
        var profile = new RateProfile([new RateStage(RateProfile.Steady, TimeSpan.FromSeconds(2), 50, 50)]);

        var offsets = ArrivalSchedule.Offsets(profile).ToArray();

        Assert.Equal(100, offsets.Length);
        Assert.Equal(0.01, offsets[0].TotalSeconds, 6);
        Assert.All(offsets.Zip(offsets.Skip(1)),
            pair => Assert.Equal(0.02, (pair.Second - pair.First).TotalSeconds, 6));
    }

    [Fact]
    public void RampScheduleCountsTheAreaUnderTheRate()
    {
        var profile = RateProfile.RampSteadyRampDown(100, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(10),
            TimeSpan.FromSeconds(2));

        var offsets = ArrivalSchedule.Offsets(profile).ToArray();

        Assert.Equal(200 + 1000 + 100, profile.ExpectedArrivals, 9);
        Assert.Equal(1300, offsets.Length);
        Assert.True(offsets.Zip(offsets.Skip(1)).All(pair => pair.Second >= pair.First));
        Assert.True(offsets[^1] <= profile.Duration);
    }

    [Fact]
    public void RampArrivalsGrowDenserAsTheRateRises()
    {
        var stage = new RateStage(RateProfile.RampUp, TimeSpan.FromSeconds(10), 0, 100);

        // 0 to 100/s over 10 s: area 5 t², so 125 arrivals take 5 s and 500 take all 10 s.
        Assert.Equal(5, ArrivalSchedule.SecondsToReach(stage, 125), 9);
        Assert.Equal(10, ArrivalSchedule.SecondsToReach(stage, 500), 9);
    }

    [Fact]
    public void PhaseAtNamesTheStageOfAnOffset()
    {
        var profile = RateProfile.WithSpike(10, 5, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(9),
            TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));

        Assert.Equal(RateProfile.RampUp, profile.PhaseAt(TimeSpan.FromSeconds(1)));
        Assert.Equal(RateProfile.Steady, profile.PhaseAt(TimeSpan.FromSeconds(4)));
        Assert.Equal(RateProfile.Spike, profile.PhaseAt(TimeSpan.FromSeconds(7)));
        Assert.Equal(RateProfile.Recovery, profile.PhaseAt(TimeSpan.FromSeconds(9)));
        Assert.Equal(RateProfile.RampDown, profile.PhaseAt(TimeSpan.FromSeconds(15)));
        Assert.Equal(50, profile.PeakRate);
    }
}
