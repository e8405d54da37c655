using System.Net;
using System.Text;
using OrleansConfig.Tests.Api;
using static OrleansConfig.Tests.Audit.ReportApiTests;

namespace OrleansConfig.Tests.Audit;

/// <summary>The CSV and HTML forms of compliance reports, and the validation of report requests.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class ReportFormatTests(ApiClusterFixture fixture)
{
    private const string ScriptName = "<script>alert(\"x\")</script>";

    private const string CsvHeader = "section,time,actor,action,environment,key,version_before,version_after,revision,"
        + "count,identity_id,name,kind,status,role,scope,created_at,revoked_at,detail";

    [Fact]
    public async Task Html_EncodesNamesAndActors()
    {
        var scope = await fixture.CreateScopeAsync();
        var (_, key) = await CreateKeyAsync(fixture, ScriptName, ("operator", scope.Namespace, "prod"));
        await new ApiScope(KeyClient(fixture, key), scope.Namespace, "prod").WriteAsync("Theme", "\"dark\"");

        using var response = await fixture.Http.GetAsync(ReportPath(scope.Namespace) + "&format=html");
        var html = await response.Content.ReadAsStringAsync();

        await HttpAssert.StatusAsync(response, HttpStatusCode.OK);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; (key ", html, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_IsSelfContainedAndPrintable()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Theme", "\"light\"");

        using var response = await fixture.Http.GetAsync(ReportPath(scope.Namespace) + "&format=html");
        var html = await response.Content.ReadAsStringAsync();

        await HttpAssert.StatusAsync(response, HttpStatusCode.OK);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(),
            StringComparison.Ordinal);
        Assert.Contains("No secret reveals in this period.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_ParsesIntoSectionRows()
    {
        var scope = await fixture.CreateScopeAsync();
        var name = "ops, \"night\" shift";
        var (id, key) = await CreateKeyAsync(fixture, name, ("operator", scope.Namespace, null));
        await new ApiScope(KeyClient(fixture, key), scope.Namespace, "prod").WriteAsync("Retries", "3");
        await new ApiScope(KeyClient(fixture, key), scope.Namespace, "prod").WriteAsync("Retries", "4");

        using var response = await fixture.Http.GetAsync(ReportPath(scope.Namespace) + "&format=csv");
        var rows = ParseCsv(await response.Content.ReadAsStringAsync());
        var columns = rows[0];
        string Field(string[] row, string column) => row[Array.IndexOf(columns, column)];
        var sections = rows.Skip(1).GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.ToArray());

        await HttpAssert.StatusAsync(response, HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(CsvHeader, string.Join(',', columns));
        Assert.All(rows, row => Assert.Equal(columns.Length, row.Length));
        Assert.Equal(2, sections["change"].Length);
        Assert.All(sections["change"], row => Assert.Equal($"{name} (key {id})", Field(row, "actor")));
        Assert.Equal("2", Field(Assert.Single(sections["changes-by-actor"]), "count"));
        Assert.Contains(sections["identity"],
            row => Field(row, "name") == name && Field(row, "scope") == scope.Namespace);
        Assert.Equal("intact", Field(Assert.Single(sections["chain"]), "status"));
        Assert.False(sections.ContainsKey("secret-reveal"), "the CSV lists secret reveals that do not exist");
        Assert.Contains(sections["notice"], 
            row => Field(row, "detail").StartsWith("secret-reveal: ", StringComparison.Ordinal));
        Assert.Contains(sections["notice"], 
            row => Field(row, "detail").StartsWith("stale-items: ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("to=2026-12-01T00:00:00Z", "from is missing")]
    [InlineData("from=2026-12-01T00:00:00Z", "to is missing")]
    [InlineData("from=yesterday&to=2026-12-01T00:00:00Z", "from 'yesterday' is not a time")]
    [InlineData("from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z", "is not after from")]
    [InlineData("from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&format=pdf", "format 'pdf' is not supported")]
    [InlineData("from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&environment=Prod", "environment name 'Prod'")]
    public async Task Report_InvalidQueryReturns400(string query, string expected)
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await fixture.Http.GetAsync($"/v1/audit/reports/{scope.Namespace}?{query}");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Contains(expected, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_InvalidNamespaceReturns400()
    {
        using var response = await fixture.Http.GetAsync(ReportPath("Shop"));
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Contains("namespace name 'Shop'", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_UnknownEnvironmentReturns404()
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await fixture.Http.GetAsync(ReportPath(scope.Namespace) + "&environment=staging");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);

        Assert.Contains("no environment 'staging'", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_UnknownNamespaceReturns404()
    {
        using var response = await fixture.Http.GetAsync(ReportPath("ns-never-created"));
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);

        Assert.Contains("'ns-never-created' does not exist", detail, StringComparison.Ordinal);
    }

    /// <summary>Parses RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                Assert.True(field.Length == 0, $"a quote inside an unquoted field at offset {i}");
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.False(quoted, "the CSV ends inside a quoted field");
        Assert.True(field.Length == 0, "the CSV does not end with a line break");
        Assert.Empty(row);

        return rows;
    }
}
