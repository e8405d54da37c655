namespace OrleansConfig.Tests.Flags.Api;

/// <summary>Small flagd files written for the import tests.</summary>
internal static class FlagFileFixtures
{
    /// <summary>
    /// Three flags: one with a shared rule through <c>$ref</c>, one with a rollout and our own members,
    /// one disabled. The flag-set metadata is partly overridden by a flag's own metadata.
    /// </summary>
    public const string Shop = """
        {
          "$schema": "https://flagd.dev/schema/v0/flags.json",
          "metadata": {"team": "shop", "version": "v1"},
          "$evaluators": {
            "isStaff": {"ends_with": [{"var": "email"}, "@shop.example"]}
          },
          "flags": {
            "new-checkout": {
              "state": "ENABLED",
              "variants": {"on": true, "off": false},
              "defaultVariant": "off",
              "targeting": {"if": [{"$ref": "isStaff"}, "on", null]},
              "metadata": {"version": "v2"}
            },
            "banner-color": {
              "state": "ENABLED",
              "variants": {"blue": "#00f", "red": "#f00", "green": "#0f0"},
              "defaultVariant": "blue",
              "targeting": {"fractional": [["blue", 50], ["red", 25], ["green", 25]]},
              "description": "Colour test", "owner": "growth", "tags": ["web"], "type": "experiment"
            },
            "legacy-search": {
              "state": "DISABLED",
              "variants": {"v1": 1, "v2": 2},
              "defaultVariant": "v1"
            }
          }
        }
        """;

    /// <summary><see cref="Shop"/> without legacy-search and with the banner rollout changed.</summary>
    public const string ShopNext = """
        {
          "metadata": {"team": "shop", "version": "v1"},
          "$evaluators": {
            "isStaff": {"ends_with": [{"var": "email"}, "@shop.example"]}
          },
          "flags": {
            "new-checkout": {
              "state": "ENABLED",
              "variants": {"on": true, "off": false},
              "defaultVariant": "off",
              "targeting": {"if": [{"$ref": "isStaff"}, "on", null]},
              "metadata": {"version": "v2"}
            },
            "banner-color": {
              "state": "ENABLED",
              "variants": {"blue": "#00f", "red": "#f00", "green": "#0f0"},
              "defaultVariant": "blue",
              "targeting": {"fractional": [["blue", 0], ["red", 50], ["green", 50]]},
              "description": "Colour test", "owner": "growth", "tags": ["web"], "type": "experiment"
            },
            "dark-mode": {
              "state": "ENABLED",
              "variants": {"on": true, "off": false},
              "defaultVariant": "on"
            }
          }
        }
        """;

    /// <summary>A file with problems in three flags and a shared rule, and one valid flag.</summary>
    public const string Broken = """
        {
          "$evaluators": {"broken": {"regex": [1]}},
          "flags": {
            "fine": {"state": "ENABLED", "variants": {"on": true}, "defaultVariant": "on"},
            "bad-default": {"state": "ENABLED", "variants": {"on": true}, "defaultVariant": "of"},
            "bad-weights": {"state": "ENABLED", "variants": {"a": 1, "b": 2}, "defaultVariant": "a",
                            "targeting": {"fractional": [["a", 50], ["b", "50"]]}},
            "bad-ref": {"state": "ENABLED", "variants": {"on": true}, "defaultVariant": "on",
                        "targeting": {"if": [{"$ref": "missing"}, "on", null]}, "type": "forever"}
          }
        }
        """;
}
