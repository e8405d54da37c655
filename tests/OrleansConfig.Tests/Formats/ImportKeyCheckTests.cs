using OrleansConfig.Api.Formats;
using static OrleansConfig.Tests.Formats.TestConfigFiles;

namespace OrleansConfig.Tests.Formats;

public sealed class ImportKeyCheckTests
{
    [Theory]
    [InlineData(ConfigFileFormat.Json, """{ "ok": 1, "bad key": 2 }""")]
    [InlineData(ConfigFileFormat.Yaml, "ok: 1\nbad key: 2\n")]
    [InlineData(ConfigFileFormat.Dotenv, "ok=1\nbad key=2\n")]
    public void Invalid_key_is_rejected(ConfigFileFormat format, string text)
    {
        var error = ReadError(text, format);

        Assert.StartsWith("The file contains 1 invalid key.", error);
        Assert.Contains("The key 'bad key' contains ' ' at position 4", error);
    }

    [Fact]
    public void Invalid_keys_list_first_five()
    {
        var properties = Enumerable.Range(1, 7).Select(i => $"\"key{i}%\": {i}");
        var text = "{ " + string.Join(", ", properties) + " }";

        var error = ReadError(text, ConfigFileFormat.Json);

        Assert.StartsWith("The file contains 7 invalid keys.", error);
        Assert.Contains("'key5%'", error);
        Assert.DoesNotContain("'key6%'", error);
        Assert.EndsWith("2 more are not listed.", error);
    }

    [Theory]
    [InlineData("""{ "": 1 }""")]
    [InlineData("""{ "a": { "": 1 } }""")]
    public void Empty_section_is_rejected(string text)
    {
        var error = ReadError(text, ConfigFileFormat.Json);

        Assert.Contains("invalid key", error);
    }

    [Theory]
    [InlineData(ConfigFileFormat.Json, """{ "Port": 1, "port": 2 }""")]
    [InlineData(ConfigFileFormat.Yaml, "Port: 1\nport: 2\n")]
    [InlineData(ConfigFileFormat.Dotenv, "Port=1\nport=2\n")]
    public void Case_collision_names_both(ConfigFileFormat format, string text)
    {
        var error = ReadError(text, format);

        Assert.Contains("The keys 'Port' and 'port' differ only by case", error);
    }

    [Fact]
    public void Sections_differing_by_case_pass()
    {
        const string Text = """{ "a": { "x": 1 }, "A": { "y": 2 } }""";

        var entries = ReadEntries(Text, ConfigFileFormat.Json);

        Assert.Equal(Entries(("a:x", "1"), ("A:y", "2")), entries);
    }

    [Theory]
    [InlineData(ConfigFileFormat.Json, """{ "a": 1, "a:b": 2 }""")]
    [InlineData(ConfigFileFormat.Yaml, "a: 1\na:b: 2\n")]
    [InlineData(ConfigFileFormat.Dotenv, "a:b=2\na=1\n")]
    public void Leaf_and_parent_is_rejected(ConfigFileFormat format, string text)
    {
        var error = ReadError(text, format);

        Assert.Contains("The key 'a' has a value and is also the parent of 'a:b'", error);
    }

    [Fact]
    public void Too_many_keys_are_rejected()
    {
        const string Text = """
            a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
            e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
            f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
            """;

        var error = ReadError(Text, ConfigFileFormat.Yaml);

        Assert.Contains("more than 100000 keys", error);
    }
}
