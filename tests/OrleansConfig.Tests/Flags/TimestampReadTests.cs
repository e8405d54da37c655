using OrleansConfig.Flags;

namespace OrleansConfig.Tests.Flags;

/// <summary>
/// Which rules may read the clock: only those can change result with time alone, so only they make the
/// OFREP bulk ETag change every second. Seeding a split with <c>$flagd.flagKey</c> does not read the clock.
/// </summary>
public sealed class TimestampReadTests
{
    [Theory]
    [InlineData("""
        {"fractional": [{"cat": [{"var": "$flagd.flagKey"}, {"var": "targetingKey"}]}, ["on", 50], ["off", 50]]}
        """, false)]
    [InlineData("""{"if": [{"==": [{"var": "$flagd.flagKey"}, "f"]}, "on", "off"]}""", false)]
    [InlineData("""{"if": [{">": [{"var": "$flagd.timestamp"}, 0]}, "on", "off"]}""", true)]
    [InlineData("""{"if": [{"var": "$flagd"}, "on", "off"]}""", true)]
    [InlineData("""{"if": [{"var": ""}, "on", "off"]}""", true)]
    [InlineData("""{"if": [{"var": [{"cat": ["$flagd.", "timestamp"]}]}, "on", "off"]}""", true)]
    [InlineData("""{"if": [{"==": [{"var": "email"}, "a"]}, "on", "off"]}""", false)]
    public void MayReadTimestamp_OnlyForClockReads(string targeting, bool expected)
    {
        var document = $$"""
            {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
             "targeting": {{targeting}}}
            """;
        var flag = FlagdReader.ReadFlag("f", document).Definition!;

        Assert.Equal(expected, CompiledFlag.Compile(flag).MayReadTimestamp);
    }
}
