namespace OrleansConfig.LoadTests.Platform.Drivers;

/// <summary>The api's paths, relative to its base address.</summary>
public static class PlatformPaths
{
    public static string Namespace(string ns) => $"v1/namespaces/{ns}";

    public static string Environment(string ns, string env) => $"v1/namespaces/{ns}/environments/{env}";

    public static string Config(string ns, string env, string key) =>
        $"{Environment(ns, env)}/configs/{Uri.EscapeDataString(key)}";

    public static string Snapshot(string ns, string env) => $"{Environment(ns, env)}/configs";

    public static string Import(string ns, string env) => $"{Environment(ns, env)}/import?format=json";

    public static string Flags(string ns, string env) => $"{Environment(ns, env)}/flags";

    public static string Flag(string ns, string env, string key) => $"{Flags(ns, env)}/{key}";

    public static string Secrets(string ns, string env) => $"{Environment(ns, env)}/secrets";

    public static string Secret(string ns, string env, string name) => $"{Secrets(ns, env)}/{name}";

    public static string SecretValue(string ns, string env, string name) => $"{Secret(ns, env, name)}/value";

    public const string OfrepBulk = "ofrep/v1/evaluate/flags";

    public static string OfrepFlag(string key) => $"{OfrepBulk}/{key}";
}
