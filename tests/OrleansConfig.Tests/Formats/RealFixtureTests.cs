using OrleansConfig.Api.Formats;
using static OrleansConfig.Tests.Formats.TestConfigFiles;

namespace OrleansConfig.Tests.Formats;

/// <summary>
/// Imports the real configuration files of shared/fixtures/real and pins the outcome of each: the
/// number of keys of a file that imports, or the message of a file that is rejected.
/// </summary>
public sealed class RealFixtureTests
{
    private const string NotAnObject =
        "The top level of the JSON file is an array; the file must be an object";

    private const string InvalidKeyCharacter =
        "; a key may contain only ASCII letters, digits and _ . : - / $ @.";

    /// <summary>Files that import: the YAML document to select, if any, and key count.</summary>
    public static TheoryData<string, int?, int> ImportedFiles => new()
    {
        { "appsettings/eshop-ordering-api.appsettings.json", null, 13 },
        { "appsettings/eshop-orderprocessor.appsettings.Development.json", null, 4 },
        { "appsettings/featuremanagement-tests.appsettings.json", null, 193 },
        { "appsettings/serilog-sample.appsettings.json", null, 45 },
        { "appsettings/yarp-config-sample.appsettings.jsonc", null, 75 },
        { "configmap/otel-demo-flagd-configmap.yaml", null, 9 },
        { "configmap/otel-demo-grafana-configmap.yaml", null, 10 },
        { "env/hoppscotch.env.example", null, 15 },
        { "env/huginn.env.example", null, 62 },
        { "env/otel-demo.env", null, 138 },
        { "yaml/argo-cd-values.yaml", null, 1120 },
        { "yaml/lobsters-queue.yml", null, 52 },
        { "yaml/petclinic-api-gateway-application.yml", 1, 27 },
        { "yaml/petclinic-api-gateway-application.yml", 2, 2 },
        { "yaml/petclinic-config-application.yml", 1, 19 },
        { "yaml/petclinic-config-application.yml", 2, 8 },
        { "yaml/petclinic-config-application.yml", 3, 2 },
        { "yaml/petclinic-config-application.yml", 4, 7 },
    };

    /// <summary>Files that are rejected, with the start of the expected message.</summary>
    public static TheoryData<string, string> RejectedFiles => new()
    {
        { "json/jsonschema-bignum.json", NotAnObject },
        { "json/jsonschema-idn-hostname.json", NotAnObject },
        {
            "yaml/petclinic-api-gateway-application.yml",
            "The file contains 2 YAML documents; choose one by adding ?document=N with N from "
            + "1 to 2."
        },
        {
            "yaml/petclinic-config-application.yml",
            "The file contains 4 YAML documents; choose one by adding ?document=N with N from "
            + "1 to 4."
        },
        {
            "flagd/flagd-cheat-sheet-flags.json",
            "The file contains 4 invalid keys. The key "
            + "'flags:user-tier-flag:targeting:if:0:===:0:var' contains '=' at position 37"
            + InvalidKeyCharacter
        },
        {
            "flagd/flagd-example-flags.flagd.json",
            "The file contains 2 invalid keys. The key "
            + "'flags:isColorYellow:targeting:if:0:==:0:var:0' contains '=' at position 36"
            + InvalidKeyCharacter
        },
        {
            "flagd/flagd-schemas-full.json",
            "The file contains 12 invalid keys. The key "
            + "'flags:context-aware:targeting:if:0:and:0:==:0:var:0' contains '=' at position 42"
            + InvalidKeyCharacter
        },
        {
            "flagd/otel-demo.flagd.json",
            "The file contains 14 invalid keys. The key 'flags:cartFailure:variants:10%' contains "
            + "'%' at position 30" + InvalidKeyCharacter
        },
    };

    public static TheoryData<string> DotenvFiles =>
        ["env/hoppscotch.env.example", "env/huginn.env.example", "env/otel-demo.env"];

    [RealFixturesTheory]
    [MemberData(nameof(ImportedFiles))]
    public void Real_file_imports_and_round_trips(string path, int? document, int keyCount)
    {
        var result = ReadFixture(path, document);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(keyCount, result.Entries.Count);

        AssertRoundTrip(result.Entries, ConfigFileFormat.Json);
        AssertRoundTrip(result.Entries, ConfigFileFormat.Yaml);
    }

    [RealFixturesTheory]
    [MemberData(nameof(RejectedFiles))]
    public void Real_file_is_rejected(string path, string expectedStart)
    {
        var result = ReadFixture(path, document: null);

        Assert.False(result.Succeeded);
        Assert.StartsWith(expectedStart, result.Error);
        Assert.Empty(result.Entries);
    }

    [RealFixturesTheory]
    [MemberData(nameof(DotenvFiles))]
    public void Real_dotenv_file_round_trips(string path)
    {
        AssertRoundTrip(ReadFixture(path, document: null).Entries, ConfigFileFormat.Dotenv);
    }

    [RealFixturesFact]
    public void Byte_order_mark_appsettings_reads()
    {
        var entries = ReadFixture("appsettings/eshop-ordering-api.appsettings.json").Entries;

        Assert.Equal("\"*\"", ValueOf(entries, "AllowedHosts"));
        Assert.Equal("\"Warning\"", ValueOf(entries, "Logging:LogLevel:Microsoft.AspNetCore"));
    }

    [RealFixturesFact]
    public void Serilog_colon_keys_join_sections()
    {
        var entries = ReadFixture("appsettings/serilog-sample.appsettings.json").Entries;

        Assert.Equal("\"Logger\"", ValueOf(entries, "Serilog:WriteTo:Sublogger:Name"));
        Assert.Equal(
            "\"Application = 'Sample'\"",
            ValueOf(entries, "Serilog:FilterSwitches:$filterSwitch"));
    }

    [RealFixturesFact]
    public void Lobsters_merge_keys_copy_default()
    {
        var entries = ReadFixture("yaml/lobsters-queue.yml").Entries;

        Assert.Equal(
            "\"<%= ENV.fetch(\\\"JOB_CONCURRENCY\\\", 1) %>\"",
            ValueOf(entries, "production:workers:0:processes"));
        Assert.Equal("0.1", ValueOf(entries, "test:workers:1:polling_interval"));
        Assert.Equal(
            "\"solid_queue_recurring\"",
            ValueOf(entries, "development:workers:0:queues:1"));
    }

    [RealFixturesFact]
    public void Petclinic_dotted_key_stays_separate()
    {
        var entries = ReadFixture("yaml/petclinic-config-application.yml", document: 1).Entries;

        Assert.Equal("\"*\"", ValueOf(entries, "management.endpoints.web.exposure.include"));
        Assert.Equal("\"*\"", ValueOf(entries, "management:endpoints:web:exposure:include"));
    }

    [RealFixturesFact]
    public void Otel_dotenv_keeps_references_drops_comments()
    {
        var entries = ReadFixture("env/otel-demo.env").Entries;

        Assert.Equal(
            "\"service.namespace=${OTEL_SERVICE_NAMESPACE},service.version=${IMAGE_VERSION}\"",
            ValueOf(entries, "OTEL_RESOURCE_ATTRIBUTES"));
        Assert.Equal("\"astronomy_password\"", ValueOf(entries, "POSTGRES_ASTRONOMY_PASSWORD"));
    }

    private static ConfigFileReadResult ReadFixture(string path, int? document = null)
    {
        var options = new ConfigImportOptions { Document = document };

        return ConfigFileReader.Read(RealFixtures.ReadAllBytes(path), FormatOf(path), options);
    }

    private static ConfigFileFormat FormatOf(string path)
    {
        if (path.StartsWith("env/", StringComparison.Ordinal))
        {
            return ConfigFileFormat.Dotenv;
        }

        var extension = Path.GetExtension(path);

        return extension is ".yml" or ".yaml" ? ConfigFileFormat.Yaml : ConfigFileFormat.Json;
    }
}
