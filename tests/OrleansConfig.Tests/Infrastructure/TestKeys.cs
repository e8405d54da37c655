using System.Security.Cryptography;

namespace OrleansConfig.Tests.Infrastructure;

/// <summary>
/// Creates well-formed API keys (<c>oc_&lt;16 base32&gt;_&lt;52 base32&gt;</c>) with random ids and secrets.
/// </summary>
public static class TestKeys
{
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    public static string NewToken() => $"oc_{Random(16)}_{Random(52)}";

    private static string Random(int length) =>
        string.Create(length, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Base32[RandomNumberGenerator.GetInt32(Base32.Length)];
            }
        });
}
