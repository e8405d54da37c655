namespace OrleansConfig.LoadTests.Platform.Drivers;

/// <summary>The operations the scenarios mix, as the report names them.</summary>
public static class OperationNames
{
    public const string GetKey = "GET key";
    public const string RevalidateKey = "GET key, If-None-Match";
    public const string GetSnapshot = "GET environment";
    public const string RevalidateSnapshot = "GET environment, If-None-Match";
    public const string LongPoll = "long poll (held)";
    public const string PutKey = "PUT key, If-Match";
    public const string Rollback = "rollback";
    public const string Import = "import 10 keys";
    public const string OfrepSingle = "OFREP single flag";
    public const string OfrepBulk = "OFREP bulk";
    public const string ListSecrets = "list secrets";
    public const string RevealSecret = "reveal secret";
    public const string AuditQuery = "audit query";
    public const string ComplianceReport = "compliance report";
    public const string PropagationWrite = "PUT key (propagation)";
    public const string SseDelivery = "write to SSE subscriber";
    public const string ClusterDelivery = "write to Orleans subscriber";
}
