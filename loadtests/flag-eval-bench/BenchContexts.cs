namespace OrleansConfig.FlagEvalBench;

/// <summary>
/// The contexts both engines evaluate: context i has targeting key "user-i" and attributes that
/// send a quarter of them to each targeting branch. flagd-core-timing.js builds the same ones.
/// </summary>
internal static class BenchContexts
{
    private static readonly string[] s_tiers = ["gold", "silver", "platinum", "bronze"];

    public static IReadOnlyDictionary<string, object?> Attributes(int i) => new Dictionary<string, object?>
    {
        ["email"] = i % 4 == 0 ? $"u{i}@example.com" : $"u{i}@mail.test",
        ["tier"] = s_tiers[i / 4 % 4],
        ["age"] = 10 + i * 7 % 60,
    };
}
