using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace OrleansConfig.Audit;

/// <summary>
/// The hash of a chained record: HMAC-SHA256 under the server's chain key over the previous record's
/// hash and a canonical JSON array of the record's chain, sequence number and fields, in a fixed
/// order, with the time in UTC to the microsecond (the precision PostgreSQL keeps). Keying the hash
/// means that someone who can write the table cannot append a record that verifies.
/// </summary>
public static class AuditHashing
{
    public static readonly byte[] Genesis = new byte[32];

    /// <summary>Cuts a time to whole microseconds, so that the stored time hashes as it was hashed at write.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();

        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    public static byte[] Hash(byte[] key, string chain, long seq, AuditRecord record, byte[] previousHash)
    {
        using var buffer = new MemoryStream();
        buffer.Write(previousHash);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteStringValue(chain);
            json.WriteNumberValue(seq);
            json.WriteStringValue(record.Id);
            json.WriteStringValue(ToStoredPrecision(record.Time).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'",
                CultureInfo.InvariantCulture));
            json.WriteStringValue(record.Actor);
            WriteNullable(json, record.Credential);
            json.WriteStringValue(record.Action);
            WriteNullable(json, record.Namespace);
            WriteNullable(json, record.Environment);
            WriteNullable(json, record.Kind);
            WriteNullable(json, record.Resource);
            WriteNullable(json, record.VersionBefore);
            WriteNullable(json, record.VersionAfter);
            WriteNullable(json, record.Summary);
            WriteNullable(json, record.RequestId);
            WriteNullable(json, record.ClientAddress);
            WriteNullable(json, record.Revision);
            json.WriteEndArray();
        }

        return HMACSHA256.HashData(key, buffer.ToArray());
    }

    private static void WriteNullable(Utf8JsonWriter json, string? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteStringValue(value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, long? value)
    {
        if (value is long number)
        {
            json.WriteNumberValue(number);
        }
        else
        {
            json.WriteNullValue();
        }
    }
}
