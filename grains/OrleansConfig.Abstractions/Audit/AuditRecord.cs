using Orleans.Runtime;

namespace OrleansConfig.Audit;

/// <summary>
/// One audited action. <see cref="Id"/> is unique and derived from what was changed (for a
/// configuration change: the environment and its revision), so appending the same record twice
/// stores it once. <see cref="Credential"/> names how the actor authenticated, by key id or token
/// subject, never by secret. <see cref="Summary"/> is JSON and never contains a secret or a
/// configuration value: a value is identified by a keyed hash.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.audit-record")]
public sealed record AuditRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset Time,
    [property: Id(2)] string Actor,
    [property: Id(3)] string? Credential,
    [property: Id(4)] string Action,
    [property: Id(5)] string? Namespace,
    [property: Id(6)] string? Environment,
    [property: Id(7)] string? Kind,
    [property: Id(8)] string? Resource,
    [property: Id(9)] int? VersionBefore,
    [property: Id(10)] int? VersionAfter,
    [property: Id(11)] string? Summary,
    [property: Id(12)] string? RequestId,
    [property: Id(13)] string? ClientAddress,
    [property: Id(14)] long? Revision);

/// <summary>The actions audit records name.</summary>
public static class AuditActions
{
    public const string ConfigCreate = "config.create";
    public const string ConfigUpdate = "config.update";
    public const string ConfigDelete = "config.delete";
    public const string ConfigRollback = "config.rollback";
    public const string NamespaceCreate = "namespace.create";
    public const string EnvironmentCreate = "environment.create";
    public const string KeyCreate = "key.create";
    public const string KeyRevoke = "key.revoke";
    public const string GrantSet = "grant.set";
    public const string GrantRemove = "grant.remove";
    public const string AuditRead = "audit.read";
    public const string AuditVerify = "audit.verify";
    public const string AuditReport = "audit.report";
    public const string SchemaCreate = "schema.create";
    public const string SchemaUpdate = "schema.update";
    public const string SchemaDelete = "schema.delete";

    /// <summary>
    /// The action of a change to a versioned item: the kind's name and a verb, such as
    /// <c>flag.create</c>, <c>flag.archive</c> or <c>secret.rotate</c>.
    /// </summary>
    public static string Change(Changes.ChangeKind kind, string verb) =>
        $"{Changes.ChangeEventKinds.Name(kind)}.{verb}";
}

/// <summary>
/// The request an audited change came from, carried from the api to the grains in Orleans'
/// request context so that grains need no extra parameters for it.
/// </summary>
public static class AuditContext
{
    public const string RequestIdKey = "oc.request-id";

    public const string ClientAddressKey = "oc.client-address";

    public static string? RequestId => RequestContext.Get(RequestIdKey) as string;

    public static string? ClientAddress => RequestContext.Get(ClientAddressKey) as string;

    /// <summary>The chain of records that are not about one namespace: keys, global grants, namespaces.</summary>
    public const string GlobalChain = "*";

    /// <summary>
    /// Reads the credential from an actor written as "name (key id)" or "name (jwt subject)".
    /// </summary>
    public static string? CredentialOf(string actor)
    {
        var open = actor.LastIndexOf('(');

        return open >= 0 && actor.EndsWith(')') ? actor[(open + 1)..^1] : null;
    }
}
