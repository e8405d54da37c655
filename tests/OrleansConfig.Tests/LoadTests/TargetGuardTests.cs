using OrleansConfig.LoadTests.Platform.Options;

namespace OrleansConfig.Tests.LoadTests;

public sealed class TargetGuardTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080/")]
    [InlineData("http://127.42.0.9:80/")]
    [InlineData("http://localhost:5080/")]
    [InlineData("http://[::1]:5080/")]
    public void LoopbackTargetIsAccepted(string target)
    {
        Assert.Null(TargetGuard.Check(new Uri(target), []));
    }

    [Theory]
    [InlineData("http://10.0.0.5:5080/")]
    [InlineData("http://192.168.1.20/")]
    [InlineData("https://config.example.com/")]
    [InlineData("http://0.0.0.0:5080/")]
    public void OtherTargetIsRejected(string target)
    {
        var problem = TargetGuard.Check(new Uri(target), []);

        Assert.NotNull(problem);
        Assert.Contains("--allow-target", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void NamedHostIsAccepted()
    {
        Assert.Null(TargetGuard.Check(new Uri("https://config.example.com/"), ["CONFIG.example.com"]));
        Assert.NotNull(TargetGuard.Check(new Uri("https://other.example.com/"), ["config.example.com"]));
    }

    [Fact]
    public void ParserRejectsRemoteTarget()
    {
        var error = Assert.Throws<FormatException>(() => LoadOptionsParser.Parse(
            ["--profile", "smoke", "--out", "/tmp/x", "--key", "k", "--target", "http://10.1.2.3:5080"]));

        Assert.Contains("10.1.2.3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParserAcceptsRemoteTargetItNames()
    {
        var options = LoadOptionsParser.Parse(["--profile", "staging", "--out", "/tmp/x", "--key", "k", "--target",
            "http://10.1.2.3:5080", "--allow-target", "10.1.2.3"]);

        Assert.Equal("10.1.2.3", options.Target.Host);
        Assert.Equal("staging", options.Profile.Name);
    }

    [Fact]
    public void ParserAppliesOverrides()
    {
        var options = LoadOptionsParser.Parse(["--profile", "machine", "--out", "/tmp/x", "--key", "k", "--steady",
            "30", "--keys", "500", "--scenario", "config-read,mixed", "--driver", "orleans"]);

        Assert.Equal(TimeSpan.FromSeconds(30), options.Effective.Steady);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Effective.Ramp);
        Assert.Equal(500, options.Effective.Volume.Keys);
        Assert.Equal(500, options.Effective.Volume.Flags);
        Assert.Equal(["config-read", "mixed"], options.Scenarios);
        Assert.Equal(DriverKind.Orleans, options.Driver);
    }

    [Fact]
    public void ParserRejectsUnknownScenario()
    {
        var error = Assert.Throws<FormatException>(() => LoadOptionsParser.Parse(
            ["--profile", "smoke", "--out", "/tmp/x", "--key", "k", "--scenario", "bogus"]));

        Assert.Contains("bogus", error.Message, StringComparison.Ordinal);
    }
}
