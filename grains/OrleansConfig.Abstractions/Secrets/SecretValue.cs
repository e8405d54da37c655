using System.Security.Cryptography;

namespace OrleansConfig.Secrets;

/// <summary>
/// A secret value in UTF-8 on its way between the api and a secret grain, in one request only. Its
/// <see cref="ToString"/> shows the length, so logging a request or result does not reveal the value.
/// Each side zeroes its copy with <see cref="Clear"/> as soon as it is done with it.
/// </summary>
/// <remarks>
/// Not marked immutable: Orleans copies it for calls within one silo as well, so the grain may zero its
/// copy without touching the caller's.
/// </remarks>
[GenerateSerializer, Alias("oc.secret-value")]
public sealed record SecretValue([property: Id(0)] byte[] Utf8)
{
    /// <summary>Zeroes the bytes.</summary>
    public void Clear() => CryptographicOperations.ZeroMemory(Utf8);

    /// <inheritdoc />
    public override string ToString() => $"SecretValue({Utf8.Length} bytes, redacted)";
}
