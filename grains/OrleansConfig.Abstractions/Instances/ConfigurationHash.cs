using System.Security.Cryptography;
using System.Text;

namespace OrleansConfig.Instances;

/// <summary>
/// The hash of a set of configuration entries, computed alike by the .NET client over the entries it applied and
/// by the platform over an environment's snapshot, so that an instance whose configuration differs from what its
/// revision contains shows as diverged. Entries are keys as stored with their values as the stored JSON text,
/// ordered by key ignoring case; the hash is SHA-256, written as <c>sha256:</c> and 64 hex digits.
/// Line breaks in a value count as <c>\n</c>: JSON escapes them inside strings, so outside strings they
/// are whitespace, and Server-Sent Events deliver a stored <c>\r\n</c> as <c>\n</c>.
/// </summary>
public static class ConfigurationHash
{
    public static string Compute(IEnumerable<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var ordered = entries.OrderBy(e => e.Key, StringComparer.OrdinalIgnoreCase)
            .ThenBy(e => e.Key, StringComparer.Ordinal);
        foreach (var (key, stored) in ordered)
        {
            var value = stored.Contains('\r', StringComparison.Ordinal)
                ? stored.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
                : stored;

            // Length prefixes keep "a"+"bc" apart from "ab"+"c".
            hash.AppendData(Encoding.UTF8.GetBytes($"{key.Length}:{key}{value.Length}:{value}"));
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
