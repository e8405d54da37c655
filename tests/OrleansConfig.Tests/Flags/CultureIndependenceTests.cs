using OrleansConfig.Flags;
using Xunit.Abstractions;

namespace OrleansConfig.Tests.Flags;

/// <summary>
/// Evaluates flags in a child process whose culture is tr-TR and compares with this process.
/// The test assembly runs in invariant-globalization mode, where no other culture can be set.
/// The child is therefore a small program, built with ICU enabled, that references the same library.
/// </summary>
public sealed class CultureIndependenceTests(ITestOutputHelper output)
{
    // Each rule gives a different variant under culture-sensitive string or number handling:
    // ordinal "a" > "B", a soft hyphen that ICU ignores, tr-TR's decimal comma, dotted İ.
    private const string Flags = """
        {"flags": {
          "order": {"state": "ENABLED", "variants": {"yes": 1, "no": 0}, "defaultVariant": "no",
                    "targeting": {"if": [{"<": [{"var": "lower"}, {"var": "upper"}]}, "yes", "no"]}},
          "hyphen": {"state": "ENABLED", "variants": {"yes": 1, "no": 0}, "defaultVariant": "no",
                     "targeting": {"if": [{"starts_with": [{"var": "word"}, "\u00ADab"]}, "yes", "no"]}},
          "decimal": {"state": "ENABLED", "variants": {"0.5": 1, "0,5": 2}, "defaultVariant": "0.5",
                      "targeting": {"cat": [{"/": [{"var": "one"}, 2]}]}},
          "parse": {"state": "ENABLED", "variants": {"yes": 1, "no": 0}, "defaultVariant": "no",
                    "targeting": {"if": [{"==": [{"var": "half"}, 0.5]}, "yes", "no"]}},
          "dotted": {"state": "ENABLED", "variants": {"yes": 1, "no": 0}, "defaultVariant": "no",
                     "targeting": {"if": [{"in": ["i", {"var": "city"}]}, "yes", "no"]}},
          "version": {"state": "ENABLED", "variants": {"yes": 1, "no": 0}, "defaultVariant": "no",
                      "targeting": {"if": [{"sem_ver": [{"var": "v"}, ">", "1.9.0"]}, "yes", "no"]}}
        }}
        """;

    private const string Context = """
        {"targetingKey": "user-1", "lower": "a", "upper": "B", "word": "abc", "one": 1, "half": "0.5",
         "city": "İSTANBUL", "v": "1.10.0"}
        """;

    private const string Program = """
        using System.Globalization;
        using System.Text.Json;
        using OrleansConfig.Flags;

        var culture = CultureInfo.GetCultureInfo("tr-TR");
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        Console.WriteLine($"culture {CultureInfo.CurrentCulture.Name} {"i".ToUpper()} {0.5}");
        var flags = CompiledFlagSet.Compile(FlagdReader.ReadFlagSet(File.ReadAllText(args[0])).Definition!);
        using var context = JsonDocument.Parse(File.ReadAllText(args[1]));
        foreach (var key in flags.Keys.Order(StringComparer.Ordinal))
        {
            var result = flags.ResolveDouble(key, -1, EvaluationContext.FromJson(context.RootElement));
            Console.WriteLine($"{key} {result.Variant} {result.Reason} {result.ErrorCode}");
        }
        """;

    [Fact]
    public void TurkishCulture_GivesInvariantResults()
    {
        var folder = Directory.CreateTempSubdirectory("orleansconfig-flags-culture-");
        try
        {
            var expected = EvaluateHere();
            var lines = RunChild(folder.FullName);
            output.WriteLine(string.Join(Environment.NewLine, lines));

            Assert.Equal("culture tr-TR İ 0,5", lines[0]);
            Assert.Equal(expected, lines[1..]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string[] EvaluateHere()
    {
        var flags = FlagTestSets.Compile(Flags);
        var context = FlagTestSets.Context(Context);

        return flags.Keys.Order(StringComparer.Ordinal)
            .Select(key => flags.ResolveDouble(key, -1, context))
            .Select(result => $"{result.FlagKey} {result.Variant} {result.Reason} {result.ErrorCode}".Trim())
            .ToArray();
    }

    private static string[] RunChild(string folder)
    {
        var library = Path.Combine(AppContext.BaseDirectory, "OrleansConfig.Flags.dll");
        File.WriteAllText(Path.Combine(folder, "Program.cs"), Program);
        File.WriteAllText(Path.Combine(folder, "flags.json"), Flags);
        File.WriteAllText(Path.Combine(folder, "context.json"), Context);
        File.WriteAllText(Path.Combine(folder, "CultureProbe.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <InvariantGlobalization>false</InvariantGlobalization>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="OrleansConfig.Flags" HintPath="{library}" />
              </ItemGroup>
            </Project>
            """);

        var text = ExternalTool.Run(
            "dotnet", "run -c Release -- flags.json context.json", folder, TimeSpan.FromMinutes(4));

        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
