using OrleansConfig.Api.Formats;
using static OrleansConfig.Tests.Formats.TestConfigFiles;

namespace OrleansConfig.Tests.Formats;

/// <summary>Every file that imports gives the same entries after an export and re-import.</summary>
public sealed class RoundTripTests
{
    private const ConfigFileFormat Json = ConfigFileFormat.Json;
    private const ConfigFileFormat Yaml = ConfigFileFormat.Yaml;
    private const ConfigFileFormat Dotenv = ConfigFileFormat.Dotenv;

    public static TheoryData<string, ConfigFileFormat> Files => new()
    {
        { """{ "big": 9007199254740993, "tiny": 0.1, "huge": 1e400, "neg": -0.0 }""", Json },
        { """{ "e": "\u00e9", "raw": "é", "s": "\/\ud83d\ude00\t", "exp": 1E+2 }""", Json },
        { """{ "flags": [true, false, null], "empty": {}, "none": [] }""", Json },
        { """{ "deep": { "list": [ [1, [2]], { "x": {} } ] } }""", Json },
        { """{ "WriteTo": ["a"], "WriteTo:Sub": { "Name": "b" } }""", Json },
        { """{ "Map": { "0": 1, "2": 3 }, "Root": { "0": "x" } }""", Json },
        { """{ "looks": ["true", "no", "42", "0x1F", ".inf", "", " pad", "a: b"] }""", Json },
        { """{ "more": ["#c", "-", "~", "null", "x:", "@at", "a #b", "*star"] }""", Json },
        { """{ "ctl": "\u0001\u007f\u0085\u2028\u2029\ufeff", "q": "say \"hi\" \\ \/" }""", Json },
        { """{ "on": 1, "y": 2, "0": { "1": 3 }, "$ref": "#/x", "a.b/c@d": "x" }""", Json },
        { "a: 1\nb: [x, 'y', \"z\\u00e9\"]\nc: {d: ~, e: 0o17, f: .5}\ng: |\n  text\n", Yaml },
        { "base: &b\n  x: 1\nuse:\n  <<: *b\n  y: !!str 2\nlist: []\nmap: {}\n", Yaml },
        { "A=1\nB='x y'\nC=\"q\\\"uote\\\\\\n\"\nD=\nE=${X}\nF=a=b # c\nG=caf\u00e9\n", Dotenv },
    };

    // Every value is a string whose literal escapes only quotes, backslashes and control
    // characters, which is the form a dotenv import writes.
    public static TheoryData<string, ConfigFileFormat> StringFiles => new()
    {
        { "A=1\nB='x y'\nC=\"q\\\"uote\\\\\\n\"\nD=\nE=${X}\nF=a=b # c\nG=caf\u00e9\n", Dotenv },
        { """{ "a": "x y", "b": "q\"uote\\", "c": "line\nnext\r\ttab", "d": "" }""", Json },
        { """{ "e": "é #1", "f": "${HOST}", "g": "'single'" }""", Json },
        { "a: [x, 'it''s', \"say \\\"hi\\\"\"]\nb: |\n  two\n  lines\nc: ''\n", Yaml },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void JSON_export_reimports_unchanged(string text, ConfigFileFormat format)
    {
        AssertRoundTrip(ReadEntries(text, format), Json);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void YAML_export_reimports_unchanged(string text, ConfigFileFormat format)
    {
        AssertRoundTrip(ReadEntries(text, format), Yaml);
    }

    [Theory]
    [MemberData(nameof(StringFiles))]
    public void Dotenv_export_of_strings_reimports(string text, ConfigFileFormat format)
    {
        AssertRoundTrip(ReadEntries(text, format), Dotenv);
    }

    [Fact]
    public void Dotenv_export_decodes_other_escapes()
    {
        var entries = Entries(("a", "\"\\u00e9\\/\""));

        var text = WriteText(entries, Dotenv);

        Assert.Equal("\"\u00e9/\"", ValueOf(ReadEntries(text, Dotenv), "a"));
    }
}
