namespace OrleansConfig.LoadTests.AuditQuery;

/// <summary>
/// The namespaces, environments, actors and configuration keys of the generated audit log. The fill and
/// the queries build it from the same seed, so queries name actors and keys that the records contain.
/// </summary>
public sealed class BenchLayout
{
    public static readonly string[] Namespaces =
    [
        "payments", "checkout", "catalog", "search", "identity", "notifications", "shipping", "inventory",
        "pricing", "reviews", "recommendations", "analytics", "gateway", "orders", "loyalty", "support", "media",
        "accounts", "fraud", "reporting",
    ];

    public static readonly string[] Environments = ["dev", "staging", "prod"];

    /// <summary>Picks environments in the order of <see cref="Environments"/>: half of all changes go to dev.</summary>
    public static readonly WeightedPicker EnvironmentPicker = new([0.5, 0.3, 0.2]);

    private static readonly string[] FirstNames =
    [
        "ada", "alan", "barbara", "brian", "claude", "dennis", "donald", "edsger", "frances", "grace",
        "guido", "john", "ken", "leslie", "linus", "margaret", "niklaus", "radia", "tony", "yukihiro",
    ];

    private static readonly string[] LastNames =
        ["ops", "dev", "sre", "qa", "data", "platform", "web", "mobile", "infra", "security"];

    private static readonly string[] Sections =
        ["Logging", "Features", "ConnectionStrings", "Cache", "Http", "Retry", "Queue", "Auth", "Limits", "Timeouts"];

    private const string KeyIdAlphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public BenchLayout(int seed)
    {
        var random = new Random(seed);
        Actors = FirstNames
            .SelectMany(first => LastNames.Select(last => $"{first}.{last}"))
            .Select(name => new BenchActor(name, new string(random.GetItems(KeyIdAlphabet.AsSpan(), 16))))
            .ToArray();
        Keys = Sections
            .SelectMany(section => Enumerable.Range(1, 15).Select(i => $"{section}:Setting{i:D2}"))
            .ToArray();

        // Zipf-like activity (exponent 0.9): a few actors, such as deployment pipelines, make most changes.
        ActorPicker = new WeightedPicker(Enumerable.Range(1, Actors.Count).Select(rank => 1 / Math.Pow(rank, 0.9)));
    }

    /// <summary>200 actors, each with the id of the key it writes with.</summary>
    public IReadOnlyList<BenchActor> Actors { get; }

    public WeightedPicker ActorPicker { get; }

    /// <summary>150 configuration keys, the same names in every namespace and environment.</summary>
    public IReadOnlyList<string> Keys { get; }
}

/// <summary>An actor as audit records name it: "name (key id)", with the credential "key id".</summary>
public sealed record BenchActor(string Name, string KeyId)
{
    public string Actor => $"{Name} (key {KeyId})";

    public string Credential => $"key {KeyId}";
}

/// <summary>Picks an index with probability proportional to its weight.</summary>
public sealed class WeightedPicker
{
    private readonly double[] _cumulative;

    public WeightedPicker(IEnumerable<double> weights)
    {
        var total = 0.0;
        _cumulative = weights.Select(weight => total += weight).ToArray();
    }

    public int Pick(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble() * _cumulative[^1]);

        return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
    }
}
