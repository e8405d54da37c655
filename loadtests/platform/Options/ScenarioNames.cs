namespace OrleansConfig.LoadTests.Platform.Options;

/// <summary>The scenario names of the command line, in the order a full run takes them.</summary>
public static class ScenarioNames
{
    public const string ConfigRead = "config-read";
    public const string FlagEvaluation = "flag-evaluation";
    public const string ConfigWrite = "config-write";
    public const string SecretAccess = "secret-access";
    public const string AuditReports = "audit-reports";
    public const string ChangePropagation = "change-propagation";
    public const string Mixed = "mixed";
    public const string Spike = "spike";
    public const string Soak = "soak";

    public static readonly IReadOnlyList<string> All =
    [
        ConfigRead, FlagEvaluation, ConfigWrite, SecretAccess, AuditReports, ChangePropagation, Mixed, Spike, Soak,
    ];
}
