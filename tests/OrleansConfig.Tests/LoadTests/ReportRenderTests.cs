using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansConfig.LoadTests.Platform;

namespace OrleansConfig.Tests.LoadTests;

/// <summary>A saved report.json is written again as a report without a new run.</summary>
public sealed class ReportRenderTests : IDisposable
{
    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("render-").FullName;

    [Fact]
    public void SavedRun_IsRenderedWithItsNumbers()
    {
        var run = LoadResults.Run(machine: 0.1, api: 0.3, silo: 0.4);
        var saved = Path.Combine(_folder, "report.json");
        File.WriteAllText(saved, JsonSerializer.Serialize(new { run }, Json));
        var slo = Path.Combine(_folder, "slo.json");
        File.WriteAllText(slo, """
            {"version": 1, "description": "test",
             "objectives": [{"name": "Reads", "category": "Read", "percentile": 99, "maxMilliseconds": 10}],
             "maxErrorRatePercent": 0}
            """);
        var output = Path.Combine(_folder, "again");

        var rendered = LoadRun.Render(saved, output, slo, TextWriter.Null);

        Assert.Equal(5, rendered.Scenarios[0].Operations[0].Steady.P99);
        var markdown = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("| config-read | Reads | GET key | p99 ≤ 10 ms | p99 = 5 ms of 100 requests | pass |",
            markdown, StringComparison.Ordinal);
        Assert.Contains("reported 0.10 busy cores", markdown, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "report.html")));
    }

    [Fact]
    public void FileWithoutRun_IsRejected()
    {
        var saved = Path.Combine(_folder, "other.json");
        File.WriteAllText(saved, """{"flags": {}}""");

        Assert.Throws<InvalidDataException>(() => LoadRun.Render(saved, _folder, null, TextWriter.Null));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
