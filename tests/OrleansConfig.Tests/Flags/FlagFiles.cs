namespace OrleansConfig.Tests.Flags;

/// <summary>Small flagd files written for these tests, so that they run without shared fixtures.</summary>
internal static class FlagFiles
{
    /// <summary>
    /// Every member of the format: schema, flags with and without defaults, $evaluators, metadata,
    /// extras.
    /// </summary>
    public const string Complete = """
        {
          "$schema": "https://flagd.dev/schema/v0/flags.json",
          "flags": {
            "banner": {
              "state": "ENABLED",
              "variants": {"on": true, "off": false},
              "defaultVariant": "off",
              "targeting": {"if": [{"$ref": "isStaff"}, "on", {"fractional": [["on", 10], ["off", 90]]}]},
              "metadata": {"version": "7"},
              "description": "New welcome banner"
            },
            "code-default": {"state": "DISABLED", "variants": {"a": "A", "b": "B"}, "defaultVariant": null},
            "limits": {"state": "ENABLED", "variants": {"low": {"max": 10}, "high": {"max": 1e3}},
                "defaultVariant": "low"}
          },
          "$evaluators": {"isStaff": {"ends_with": [{"var": "email"}, "@example.com"]}},
          "metadata": {"flagSetId": "tests", "version": 2}
        }
        """;
}
