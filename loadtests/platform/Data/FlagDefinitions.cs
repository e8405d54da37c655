using System.Globalization;

namespace OrleansConfig.LoadTests.Platform.Data;

/// <summary>
/// The seeded flag definitions in the flagd format, a third of each kind: a static boolean, a
/// targeting rule on context attributes, and a fractional rollout over the targeting key.
/// </summary>
public static class FlagDefinitions
{
    /// <summary>Returns the kind of flag <paramref name="local"/>: static, targeting or fractional.</summary>
    public static string KindOf(int local) => (local % 3) switch
    {
        0 => "static",
        1 => "targeting",
        _ => "fractional",
    };

    /// <summary>Returns the JSON body of <c>PUT …/flags/{key}</c> for flag <paramref name="local"/>.</summary>
    public static string Json(int local) => KindOf(local) switch
    {
        "static" => """
            {"state":"ENABLED","variants":{"on":true,"off":false},"defaultVariant":"on",
             "metadata":{"seededBy":"loadtests"}}
            """,
        "targeting" => """
            {"state":"ENABLED","variants":{"gold":"gold","silver":"silver","none":"none"},"defaultVariant":"none",
             "targeting":{"if":[{"and":[{"ends_with":[{"var":"email"},"@example.com"]},
               {"in":[{"var":"country"},["de","fr","nl"]]}]},"gold",
               {">=":[{"var":"age"},30]},"silver",null]}}
            """,
        _ => string.Create(CultureInfo.InvariantCulture, $$$"""
            {"state":"ENABLED","variants":{"red":"#c00","green":"#0c0","blue":"#00c"},"defaultVariant":"red",
             "targeting":{"fractional":[["red",{{{10 + local % 40}}}],["green",40],["blue",{{{50 - local % 40}}}]]}}
            """),
    };
}
