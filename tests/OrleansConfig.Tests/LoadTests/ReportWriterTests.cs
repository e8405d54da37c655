using System.Text;
using OrleansConfig.LoadTests.Platform.Engine;
using OrleansConfig.LoadTests.Platform.Reporting;

namespace OrleansConfig.Tests.LoadTests;

public sealed class ReportWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("report-").FullName;

    [Fact]
    public void MarkdownTableEscapesPipes()
    {
        var document = new ReportDocument().Heading(2, "Results").Table(["A", "B"], [["x|y", "1"]]);

        var markdown = MarkdownWriter.Write(document);

        Assert.Contains("## Results", markdown, StringComparison.Ordinal);
        Assert.Contains("| A | B |\n|---|---|\n| x\\|y | 1 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void HtmlEmbedsImagesAsDataUris()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47 };
        File.WriteAllBytes(Path.Combine(_folder, "plot.png"), png);
        var document = new ReportDocument().Paragraph("a < b").Image("plot.png", "latency");

        var html = HtmlWriter.Write(document, "Report", _folder);

        Assert.Contains("<p>a &lt; b</p>", html, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/png;base64," + Convert.ToBase64String(png) + "\"", html,
            StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"plot.png\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void PlotsAreWrittenAsPng()
    {
        var scenario = LoadResults.Scenario("mixed", LoadResults.Operation("GET key", OperationCategory.Read, 5)) with
        {
            Timeline = [new TimelinePoint(0, 10, 0, 1, 2, 3, 4), new TimelinePoint(1, 12, 1, 1.5, 2.5, 3.5, 9)],
        };

        var files = new[]
        {
            PlotRenderer.LatencyOverTime(scenario, _folder),
            PlotRenderer.ThroughputOverTime(scenario, _folder),
            PlotRenderer.Distribution(scenario, _folder),
        };

        foreach (var file in files)
        {
            var header = File.ReadAllBytes(Path.Combine(_folder, file))[..4];
            Assert.Equal("\x89PNG", Encoding.Latin1.GetString(header));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
