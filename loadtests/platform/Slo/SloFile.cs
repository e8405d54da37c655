using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansConfig.LoadTests.Platform.Engine;

namespace OrleansConfig.LoadTests.Platform.Slo;

/// <summary>One latency objective: <see cref="Percentile"/> of every operation of <see cref="Category"/>.</summary>
public sealed record SloObjective(string Name, OperationCategory Category, double Percentile, double MaxMilliseconds);

/// <summary>
/// The service level objectives, read from a versioned JSON file (loadtests/slo.json): latency objectives
/// per operation category and a maximum error rate, all checked at the steady load.
/// </summary>
public sealed record SloFile(int Version, string Description, IReadOnlyList<SloObjective> Objectives,
    double MaxErrorRatePercent)
{
    /// <summary>The file format this tool reads.</summary>
    public const int SupportedVersion = 1;

    /// <summary>The percentiles the report measures, and so the ones an objective may name.</summary>
    public static readonly IReadOnlyList<double> Percentiles = [50, 90, 95, 99];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Reads and checks the file; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static SloFile Load(string path) => Parse(File.ReadAllText(path), path);

    public static SloFile Parse(string json, string source)
    {
        SloFile? file;
        try
        {
            file = JsonSerializer.Deserialize<SloFile>(json, Json);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"The SLO file {source} is not valid: {exception.Message}", exception);
        }

        if (file is null || file.Version != SupportedVersion)
        {
            throw new InvalidDataException($"The SLO file {source} has version {file?.Version}; this tool reads "
                + $"version {SupportedVersion}.");
        }

        foreach (var objective in file.Objectives ?? [])
        {
            if (!Percentiles.Contains(objective.Percentile) || objective.MaxMilliseconds <= 0)
            {
                throw new InvalidDataException($"The SLO objective '{objective.Name}' in {source} needs a percentile "
                    + $"of {string.Join(", ", Percentiles)} and a positive maxMilliseconds.");
            }
        }

        return file with { Objectives = file.Objectives ?? [] };
    }
}
