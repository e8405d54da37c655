using OrleansConfig.Configuration;

namespace OrleansConfig.Api.Formats;

/// <summary>The checks that every imported entry set passes, whatever its format.</summary>
internal static class ConfigKeyChecks
{
    /// <summary>The number of invalid keys that one error message lists.</summary>
    public const int MaxListedInvalidKeys = 5;

    /// <summary>Returns null when the keys can be stored and exported, else a problem.</summary>
    public static string? FindError(IReadOnlyList<ConfigEntry> entries)
    {
        return FindInvalidKeys(entries) ?? FindCaseCollision(entries) ?? FindLeafAndParent(entries);
    }

    /// <summary>Returns the message for a key that has a value and is also a section.</summary>
    public static string LeafAndParentMessage(string leafKey, string childKey) =>
        $"The key '{leafKey}' has a value and is also the parent of '{childKey}'; a JSON or YAML "
        + "file cannot hold both, so rename or remove one of them.";

    private static string? FindInvalidKeys(IReadOnlyList<ConfigEntry> entries)
    {
        var messages = new List<string>();
        var invalidCount = 0;
        foreach (var entry in entries)
        {
            var message = ConfigKeyRules.ValidateKey(entry.Key);
            if (message is null)
            {
                continue;
            }

            invalidCount++;
            if (messages.Count < MaxListedInvalidKeys)
            {
                messages.Add(message);
            }
        }

        if (invalidCount == 0)
        {
            return null;
        }

        var count = invalidCount == 1 ? "1 invalid key" : $"{invalidCount} invalid keys";
        var unlisted = invalidCount - messages.Count;
        var more = unlisted > 0 ? $" {unlisted} more are not listed." : "";

        return $"The file contains {count}. {string.Join(" ", messages)}{more}";
    }

    private static string? FindCaseCollision(IReadOnlyList<ConfigEntry> entries)
    {
        var keysByIdentity = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var identity = ConfigKeyRules.Normalize(entry.Key);
            if (keysByIdentity.TryGetValue(identity, out var earlier))
            {
                return $"The keys '{earlier}' and '{entry.Key}' differ only by case, and keys are "
                    + "case-insensitive; rename or remove one of them.";
            }

            keysByIdentity.Add(identity, entry.Key);
        }

        return null;
    }

    // JSON and YAML cannot give one node both a value and children. Rejecting such a set on
    // import keeps every imported file exportable.
    private static string? FindLeafAndParent(IReadOnlyList<ConfigEntry> entries)
    {
        var childByParent = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            for (var i = entry.Key.IndexOf(':'); i >= 0; i = entry.Key.IndexOf(':', i + 1))
            {
                childByParent.TryAdd(entry.Key[..i], entry.Key);
            }
        }

        foreach (var entry in entries)
        {
            if (childByParent.TryGetValue(entry.Key, out var child))
            {
                return LeafAndParentMessage(entry.Key, child);
            }
        }

        return null;
    }
}
