using System.Security.Cryptography;
using System.Text;
using OrleansConfig.Secrets.Envelope;
using OrleansConfig.Secrets.Keys;

namespace OrleansConfig.Tests.Secrets;

/// <summary>Random keys and sample records shared by the secret encryption tests.</summary>
internal static class SecretTestKeys
{
    public static readonly SecretCoordinates Coordinates = new("payments", "prod", "Stripe:ApiKey", 3);

    // Distinctive text, so finding it in a message or a string means the value leaked.
    public const string PlaintextText = "sk_live_Plaintext-Marker-7f3a9c";

    public static byte[] Plaintext => Encoding.UTF8.GetBytes(PlaintextText);

    public static LocalKeyringEntry NewEntry(string id, bool retired = false) =>
        new(id, RandomNumberGenerator.GetBytes(LocalKeyring.KeySize), retired);

    public static SecretEnvelopeEncryptor NewEncryptor(params LocalKeyringEntry[] entries) =>
        new(new LocalKeyringProvider(new LocalKeyring(entries, entries[^1].Id)));
}
