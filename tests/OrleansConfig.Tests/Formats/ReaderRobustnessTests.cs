using OrleansConfig.Api.Formats;

namespace OrleansConfig.Tests.Formats;

/// <summary>Damaged files give an error result; nothing is thrown out of the reader.</summary>
public sealed class ReaderRobustnessTests
{
    private const string JsonSample = """
        { "a": { "b": [1, 2.5, "x\u00e9", null, true, {}, []] }, /* c */ "d": "e", }
        """;

    private const string YamlSample = """
        base: &base
          x: 1
          list: [a, 'b', "c\u00e9"]
        use:
          <<: *base
          text: |
            block
        ---
        other: ~
        """;

    private const string DotenvSample = "# c\nexport A=1\nB='x y' # c\nC=\"q\\\"\\n\"\nD=${X}\n";

    [Theory]
    [InlineData(ConfigFileFormat.Json, JsonSample)]
    [InlineData(ConfigFileFormat.Yaml, YamlSample)]
    [InlineData(ConfigFileFormat.Dotenv, DotenvSample)]
    public void Mutated_files_never_throw(ConfigFileFormat format, string sample)
    {
        // A fixed seed keeps the run repeatable. Each case deletes, inserts or replaces bytes.
        var random = new Random(20240601);
        var original = System.Text.Encoding.UTF8.GetBytes(sample);
        for (var run = 0; run < 2000; run++)
        {
            var content = Mutate(original, random);
            foreach (var document in new int?[] { null, 1, 2 })
            {
                var isYaml = format == ConfigFileFormat.Yaml;
                var options = new ConfigImportOptions { Document = isYaml ? document : null };

                var result = ConfigFileReader.Read(content, format, options);

                Assert.True(result.Succeeded || result.Error.Length > 0);
                Assert.True(result.Succeeded || result.Entries.Count == 0);
            }
        }
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = original.ToList();
        var edits = random.Next(1, 4);
        for (var i = 0; i < edits && bytes.Count > 0; i++)
        {
            var position = random.Next(bytes.Count);
            var symbol = (byte)"{}[]:,\"'\\#&*<>!|-? \n\t~0a\u00ff"[random.Next(24)];
            switch (random.Next(3))
            {
                case 0:
                    bytes.RemoveAt(position);
                    break;
                case 1:
                    bytes.Insert(position, random.Next(4) == 0 ? (byte)random.Next(256) : symbol);
                    break;
                default:
                    bytes[position] = symbol;
                    break;
            }
        }

        return [.. bytes];
    }
}
