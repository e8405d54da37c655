using System.Globalization;

namespace OrleansConfig.LoadTests.Platform.Data;

/// <summary>One seeded environment and its position in the layout.</summary>
public sealed record SeededEnvironment(int Index, string Namespace, string Environment);

/// <summary>
/// Where the seeded data lives, computed from the volume alone, so that a run can name every key, flag
/// and secret without listing them. Item i of a kind goes to environment i modulo the environment
/// count, as local item i divided by that count.
/// </summary>
public sealed class DatasetLayout
{
    public static readonly IReadOnlyList<string> EnvironmentNames = ["dev", "staging", "prod"];

    /// <summary>Keys per section: App00:Key00 to App00:Key49, then App01:….</summary>
    private const int KeysPerSection = 50;

    public DatasetLayout(SeedVolume volume, string prefix)
    {
        ArgumentNullException.ThrowIfNull(volume);

        Volume = volume;
        Prefix = prefix;
        Environments = Enumerable.Range(0, volume.Namespaces)
            .SelectMany(n => EnvironmentNames.Select(env => (Namespace: NamespaceName(prefix, n), Env: env)))
            .Select((scope, index) => new SeededEnvironment(index, scope.Namespace, scope.Env))
            .ToArray();
    }

    public SeedVolume Volume { get; }

    public string Prefix { get; }

    public IReadOnlyList<SeededEnvironment> Environments { get; }

    /// <summary>
    /// Returns the environment a run's propagation scenario writes to: a new one per run, because the delivery
    /// check counts on no other writes to it, and a rerun's values would not change a reused one.
    /// </summary>
    public SeededEnvironment PropagationEnvironment(string runId) =>
        new(-1, NamespaceName(Prefix, 0), $"propagation-{runId}");

    public int KeyCount(int environment) => Share(Volume.Keys, environment);

    public int FlagCount(int environment) => Share(Volume.Flags, environment);

    public int SecretCount(int environment) => Share(Volume.Secrets, environment);

    public static string NamespaceName(string prefix, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{index:D2}");

    public static string KeyName(int local) => string.Create(CultureInfo.InvariantCulture,
        $"App{local / KeysPerSection:D2}:Key{local % KeysPerSection:D2}");

    public static string FlagKey(int local) => string.Create(CultureInfo.InvariantCulture, $"flag-{local:D4}");

    public static string SecretName(int local) => string.Create(CultureInfo.InvariantCulture, $"secret-{local:D3}");

    /// <summary>
    /// Returns key <paramref name="local"/>'s value as JSON for seeding pass <paramref name="pass"/> (0 creates,
    /// each later pass changes every value): strings, numbers, booleans and connection strings in turn. No
    /// value is an object or array, because an import flattens those into keys of their own.
    /// </summary>
    public static string KeyValueJson(int local, int pass) => (local % 4) switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $"\"value-{local}-{pass}\""),
        1 => string.Create(CultureInfo.InvariantCulture, $"{local * 10 + pass}"),
        2 => (pass % 2 == 0) ? "true" : "false",
        _ => string.Create(CultureInfo.InvariantCulture,
            $"\"Host=db-{local}.internal;Port={5432 + pass};Maximum Pool Size={local % 50 + 1}\""),
    };

    /// <summary>Returns count / environments, plus one for the first count % environments environments.</summary>
    private int Share(int count, int environment)
    {
        var environments = Environments.Count;

        return count / environments + (environment < count % environments ? 1 : 0);
    }
}
