using System.Net;
using System.Text;
using System.Text.Json;
using OrleansConfig.Tests.Api;
using static OrleansConfig.Tests.Schemas.SchemaRequests;

namespace OrleansConfig.Tests.Schemas;

/// <summary>
/// Every path that writes a value checks it against the schemas of its key before anything is stored: PUT,
/// rollback and import. A refusal is a 422 naming each violation's path, rule and value, and leaves the
/// environment as it was.
/// </summary>
[Collection(ApiClusterCollection.Name)]
public sealed class SchemaValidationTests(ApiClusterFixture fixture)
{
    [Fact]
    public async Task Put_InvalidValueRefused()
    {
        var scope = await fixture.CreateScopeAsync();
        await AttachAsync(scope, "Payments:*", PortsSchema);

        using var response = await scope.PutAsync("Payments:Gateway", """{"port": 0}""");
        var violations = await ViolationsAsync(response);
        using var read = await scope.GetAsync(scope.KeyPath("Payments:Gateway"));
        var snapshot = await scope.ReadSnapshotAsync();

        var minimum = Single(violations, "$.port", "minimum");
        Assert.Equal("0", minimum.GetProperty("value").GetRawText());
        Assert.Equal("Payments:Gateway", minimum.GetProperty("key").GetString());
        Assert.Equal("Payments:*", minimum.GetProperty("schema").GetProperty("key").GetString());
        Assert.Equal("/properties/port/minimum", minimum.GetProperty("schemaPath").GetString());
        Single(violations, "$", "required");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(0, snapshot.GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task Put_ValidValuePasses()
    {
        var scope = await fixture.CreateScopeAsync();
        await AttachAsync(scope, "Payments:*", PortsSchema);

        using var response = await scope.PutAsync("Payments:Gateway", """{"host": "pay", "port": 443}""");
        using var other = await scope.PutAsync("Shipping:Gateway", """{"port": 0}""");

        await HttpAssert.StatusAsync(response, HttpStatusCode.Created);
        await HttpAssert.StatusAsync(other, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Put_ErrorDetailNamesPathAndRule()
    {
        var scope = await fixture.CreateScopeAsync();
        await AttachAsync(scope, "Limits:MaxItems", """{"type": "integer", "maximum": 100}""");

        using var response = await scope.PutAsync("Limits:MaxItems", "\"many\"");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);

        Assert.Contains("'Limits:MaxItems' at $: type", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_ToInvalidVersionRefused()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Payments:Gateway", """{"port": 0}""");
        await scope.WriteAsync("Payments:Gateway", """{"host": "pay", "port": 443}""");
        await AttachAsync(scope, "Payments:*", PortsSchema);

        using var response = await scope.RollbackAsync("Payments:Gateway", 1);
        var violations = await ViolationsAsync(response);
        var current = await scope.ReadAsync("Payments:Gateway");

        Single(violations, "$.port", "minimum");
        Assert.Equal(2, current.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Rollback_ToValidVersionPasses()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Payments:Gateway", """{"host": "a", "port": 80}""");
        await scope.WriteAsync("Payments:Gateway", """{"host": "b", "port": 443}""");
        await AttachAsync(scope, "Payments:*", PortsSchema);

        using var response = await scope.RollbackAsync("Payments:Gateway", 1);

        await HttpAssert.StatusAsync(response, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Import_InvalidValueImportsNothing()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Existing", "1");
        await AttachAsync(scope, "Limits:*", """{"type": "integer", "minimum": 1}""");
        var file = """{"Limits": {"MaxItems": 10, "MaxCarts": -1}, "Other": "x"}""";

        using var response = await scope.PostImportAsync("json", Encoding.UTF8.GetBytes(file));
        var violations = await ViolationsAsync(response);
        var snapshot = await scope.ReadSnapshotAsync();

        var violation = Single(violations, "$", "minimum");
        Assert.Equal("Limits:MaxCarts", violation.GetProperty("key").GetString());
        Assert.Equal(1, snapshot.GetProperty("revision").GetInt64());
        Assert.Equal(1, snapshot.GetProperty("configs").GetArrayLength());
    }

    [Fact]
    public async Task Import_ValidFilePasses()
    {
        var scope = await fixture.CreateScopeAsync();
        await AttachAsync(scope, "Limits:*", """{"type": "integer", "minimum": 1}""");

        var result = await scope.ImportAsync("yaml", "Limits:\n  MaxItems: 10\n  MaxCarts: 2\n");

        Assert.Equal(2, result.GetProperty("created").GetInt32());
    }

    [Fact]
    public async Task EnvironmentSchema_ReplacesNamespaceSchema()
    {
        var scope = await fixture.CreateScopeAsync();
        await CreateEnvironmentAsync(scope, "dev");
        await AttachAsync(scope, "Limits:*", """{"type": "integer", "maximum": 100}""");
        await AttachAsync(scope, "Limits:*", """{"type": "integer", "maximum": 1000}""", "dev");

        using var prod = await scope.PutAsync("Limits:MaxItems", "500");
        await WriteInAsync(scope, "dev", "Limits:MaxItems", "500");

        Single(await ViolationsAsync(prod), "$", "maximum");
    }

    [Fact]
    public async Task SchemaChange_AppliesToNextWrite()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Mode", "\"blue\"");
        await AttachAsync(scope, "Mode", """{"enum": ["blue", "green"]}""");
        await scope.WriteAsync("Mode", "\"green\"");

        await AttachAsync(scope, "Mode", """{"enum": ["green"]}""");
        using var refused = await scope.PutAsync("Mode", "\"blue\"");
        using var deleted = await scope.SendAsync(HttpMethod.Delete, SchemaPath(scope, "Mode"), null);
        using var allowed = await scope.PutAsync("Mode", "\"blue\"");

        Single(await ViolationsAsync(refused), "$", "enum");
        await HttpAssert.StatusAsync(deleted, HttpStatusCode.OK);
        await HttpAssert.StatusAsync(allowed, HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("""{"type": "strin"}""", "not a valid JSON Schema")]
    [InlineData("""{"$schema": "http://json-schema.org/draft-07/schema#", "type": "string"}""", "draft 2020-12")]
    [InlineData("""{"$ref": "https://example.com/other.json"}""", "outside itself")]
    [InlineData("""{"properties": {"a": {"$ref": "#/$defs/missing"}}}""", "names nothing")]
    public async Task InvalidSchema_IsUnprocessable(string schema, string expected)
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await SendPutAsync(scope, "Mode", schema);
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);

        Assert.Contains(expected, detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Pay*ments")]
    [InlineData("a::b")]
    public async Task InvalidSchemaKey_IsBadRequest(string key)
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await SendPutAsync(scope, key, """{"type": "string"}""");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Schema_IsVersionedAndReadable()
    {
        var scope = await fixture.CreateScopeAsync();
        var first = await AttachAsync(scope, "Mode", """{"type": "string"}""");
        var second = await AttachAsync(scope, "Mode", """{"type": "string", "minLength": 2}""");

        using var old = await scope.GetAsync(SchemaPath(scope, "Mode", "version=1"));
        var oldBody = await HttpAssert.JsonAsync(old, HttpStatusCode.OK);
        using var history = await scope.GetAsync(SchemaPath(scope, "Mode") + "/versions");
        var versions = (await HttpAssert.JsonAsync(history, HttpStatusCode.OK)).GetProperty("versions");
        using var list = await scope.GetAsync($"/v1/namespaces/{scope.Namespace}/schemas");
        var schemas = (await HttpAssert.JsonAsync(list, HttpStatusCode.OK)).GetProperty("schemas");

        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.False(oldBody.GetProperty("schema").TryGetProperty("minLength", out _));
        Assert.Equal(2, versions.GetArrayLength());
        Assert.Equal(2, Assert.Single(schemas.EnumerateArray()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task SchemaChanges_AreAudited()
    {
        var scope = await fixture.CreateScopeAsync();
        await AttachAsync(scope, "Mode", """{"type": "string"}""");
        using var delete = await scope.SendAsync(HttpMethod.Delete, SchemaPath(scope, "Mode"), null);
        await HttpAssert.StatusAsync(delete, HttpStatusCode.OK);

        using var response = await scope.GetAsync($"/v1/audit?namespace={scope.Namespace}&resource=Mode");
        var records = (await HttpAssert.JsonAsync(response, HttpStatusCode.OK)).GetProperty("records");
        var actions = records.EnumerateArray().Select(r => r.GetProperty("action").GetString()!).ToArray();

        Assert.Equal(["schema.delete", "schema.create"], actions);
    }
}
