using System.Text.Json;

namespace OrleansConfig.Api.Drift;

/// <summary>
/// How secrets are compared across environments: by the keyed fingerprint of their plaintext, when the
/// environment lists one as <c>{"fingerprint": "…"}</c>, never by value. Where fingerprints are not listed,
/// only presence is compared, and the diff reports that in <c>comparedBy</c>.
/// </summary>
public static class SecretComparison
{
    public const string ByFingerprint = "fingerprint";
    public const string ByPresence = "presence";

    /// <summary>Returns the fingerprint an environment lists for a secret, or null when it lists none.</summary>
    public static string? FingerprintOf(string listed)
    {
        try
        {
            using var document = JsonDocument.Parse(listed);
            var root = document.RootElement;

            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("fingerprint", out var fingerprint)
                && fingerprint.ValueKind == JsonValueKind.String
                    ? fingerprint.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Returns how two listings can be compared and the matching rule: fingerprints when every secret has one,
    /// else presence alone (any two present secrets count as the same).
    /// </summary>
    public static (string ComparedBy, Func<string, string, bool> Equal) Choose(
        IEnumerable<string> from, IEnumerable<string> to)
    {
        var listed = from.Concat(to).ToArray();
        var fingerprinted = listed.Length > 0 && listed.All(value => FingerprintOf(value) is not null);

        return fingerprinted
            ? (ByFingerprint, (a, b) => FingerprintOf(a) == FingerprintOf(b))
            : (ByPresence, (_, _) => true);
    }
}
