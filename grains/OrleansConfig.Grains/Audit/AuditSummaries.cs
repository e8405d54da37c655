using System.Text;
using System.Text.Json;
using OrleansConfig.Changes;

namespace OrleansConfig.Audit;

/// <summary>
/// The summaries of audit records: what changed, as JSON, with values identified by keyed hash and
/// size only, so the audit log can show that two versions hold the same value without showing it.
/// </summary>
public static class AuditSummaries
{
    public static string Of(ChangeEvent change, AuditSigner signer)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (change.Kind == ChangeKind.Drift && change.Value is not null)
            {
                // A drift report names keys and counts, never values, so the audit record keeps it whole.
                json.WritePropertyName("drift");
                json.WriteRawValue(change.Value);
            }
            else if (change.Value is not null && change.Kind != ChangeKind.Secret)
            {
                json.WriteString("valueHash", signer.Fingerprint(change.Value));
                json.WriteNumber("valueBytes", Encoding.UTF8.GetByteCount(change.Value));
            }

            if (change.RolledBackFrom is int from)
            {
                json.WriteNumber("rolledBackFrom", from);
            }

            if (change.Comment is not null)
            {
                json.WriteString("comment", change.Comment);
            }

            if (change.ChangeSet is not null)
            {
                json.WriteString("changeSet", change.ChangeSet);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes a summary from name and value pairs, skipping null values.</summary>
    public static string Of(params (string Name, string? Value)[] fields)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                if (value is not null)
                {
                    json.WriteString(name, value);
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
