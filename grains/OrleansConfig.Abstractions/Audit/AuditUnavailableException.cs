namespace OrleansConfig.Audit;

/// <summary>The audit log could not be written, so a change was refused or its record is still pending.</summary>
[GenerateSerializer, Alias("oc.audit-unavailable")]
public sealed class AuditUnavailableException : Exception
{
    public AuditUnavailableException()
    {
    }

    public AuditUnavailableException(string message)
        : base(message)
    {
    }

    public AuditUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
