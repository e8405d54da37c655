using OrleansConfig.LoadTests.Platform.Engine;
using OrleansConfig.LoadTests.Platform.Reporting;
using OrleansConfig.LoadTests.Platform.Slo;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.LoadTests;

public sealed class SloEvaluatorTests
{
    private static readonly SloFile Slo = new(1, "test",
    [
        new SloObjective("Reads", OperationCategory.Read, 99, 10),
        new SloObjective("Writes", OperationCategory.Write, 99, 50),
    ], 0);

    [Fact]
    public void LatencyRowsUseMeasuredPercentiles()
    {
        var scenario = LoadResults.Scenario("mixed",
            LoadResults.Operation("GET key", OperationCategory.Read, 7.5),
            LoadResults.Operation("PUT key", OperationCategory.Write, 80));

        var rows = SloEvaluator.Evaluate(Slo, [scenario]);

        var read = rows.Single(r => r.Subject == "GET key");
        var write = rows.Single(r => r.Subject == "PUT key");
        Assert.Equal(SloVerdict.Pass, read.Verdict);
        Assert.Equal(7.5, read.Measured);
        Assert.Equal("p99 = 7.5 ms of 100 requests", read.MeasuredText);
        Assert.Equal(SloVerdict.Fail, write.Verdict);
        Assert.Equal(80, write.Measured);
    }

    [Fact]
    public void ErrorRateRowFailsOnAnyError()
    {
        var scenario = LoadResults.Scenario("config-read",
            LoadResults.Operation("GET key", OperationCategory.Read, 1, requests: 1000, errors: 1));

        var row = SloEvaluator.Evaluate(Slo, [scenario]).Single(r => r.Objective == "Error rate");

        Assert.Equal(SloVerdict.Fail, row.Verdict);
        Assert.Equal(0.1, row.Measured, 9);
        Assert.Equal("0.1 % (1 of 1,000)", row.MeasuredText);
    }

    [Fact]
    public void OperationWithoutSteadyRequestsIsNotMeasured()
    {
        var empty = LoadResults.Operation("import", OperationCategory.Write, double.NaN, requests: 0);
        var scenario = LoadResults.Scenario("config-write", empty);

        var rows = SloEvaluator.Evaluate(Slo, [scenario]);

        Assert.All(rows, row => Assert.Equal(SloVerdict.NoData, row.Verdict));
        Assert.All(rows, row => Assert.True(double.IsNaN(row.Measured)));
    }

    [Fact]
    public void ScenarioThatDidNotRunHasNoRows()
    {
        var skipped = ScenarioResult.NotRun("flag-evaluation", "x", ScenarioStatus.NotAvailable, "no OFREP", []);

        Assert.Empty(SloEvaluator.Evaluate(Slo, [skipped]));
    }

    [Fact]
    public void ShippedSloFileHoldsTheDefaults()
    {
        var slo = SloFile.Load(Path.Combine(RepositoryPaths.Root, "loadtests", "slo.json"));

        Assert.Equal(SloFile.SupportedVersion, slo.Version);
        Assert.Equal(10, slo.Objectives.Single(o => o.Category == OperationCategory.Read).MaxMilliseconds);
        Assert.Equal(50, slo.Objectives.Single(o => o.Category == OperationCategory.Write).MaxMilliseconds);
        Assert.Equal(10, slo.Objectives.Single(o => o.Category == OperationCategory.FlagEvaluation).MaxMilliseconds);
        Assert.Equal(100, slo.Objectives.Single(o => o.Category == OperationCategory.Propagation).MaxMilliseconds);
        Assert.Equal(0, slo.MaxErrorRatePercent);
    }

    [Fact]
    public void SloFileRejectsAnUnmeasuredPercentile()
    {
        const string json = """
            {"version":1,"description":"x","objectives":[{"name":"Reads","category":"Read","percentile":99.9,
             "maxMilliseconds":10}],"maxErrorRatePercent":0}
            """;

        var error = Assert.Throws<InvalidDataException>(() => SloFile.Parse(json, "test.json"));

        Assert.Contains("Reads", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SloFileRejectsAnotherVersion()
    {
        Assert.Throws<InvalidDataException>(() => SloFile.Parse("""{"version":2,"objectives":[]}""", "test.json"));
    }
}
