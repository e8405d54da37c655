using OrleansConfig.Api.Http;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Identity;

/// <summary>
/// Creates the first admin key when the api starts and no key exists yet. It must be registered
/// after the Orleans client, because hosted services start in registration order and it calls
/// grains. With <c>ORLEANSCONFIG_ADMIN_KEY</c> set, that key becomes the admin key. Otherwise a
/// new key is generated and written once to standard output, not to the log, since logs are often
/// shipped to other systems.
/// </summary>
public sealed partial class AdminKeyBootstrap(
    IGrainFactory grains,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<AdminKeyBootstrap> logger) : IHostedService
{
    public const string VariableName = "ORLEANSCONFIG_ADMIN_KEY";

    public const string Owner = "bootstrap";

    private const int MaxAttempts = 5;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>Where a generated key is written; standard output unless a test replaces it.</summary>
    internal TextWriter Output { get; init; } = Console.Out;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = ReadConfiguredKey();
        for (var attempt = 1; ; attempt++)
        {
            // A generated key is new on every attempt: an attempt that failed after creating its
            // key grain leaves that key behind, and Bootstrap would refuse the same id again.
            var (id, secret, key) = configured ?? ApiKeyFormat.Generate();
            try
            {
                var created = await grains.GetGrain<IApiKeyDirectoryGrain>(0).Bootstrap(id, Request(secret));
                Report(created, id, configured is null ? key : null);

                return;
            }
            catch (Exception exception) when (attempt < MaxAttempts
                && !cancellationToken.IsCancellationRequested
                && UnavailableExceptionHandler.IsUnavailable(exception))
            {
                LogRetrying(attempt, MaxAttempts, RetryDelay.TotalSeconds, exception);
                await Task.Delay(RetryDelay, time, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Reads the key from <see cref="VariableName"/>: null when unset, an exception when malformed.</summary>
    private (string Id, string Secret, string Key)? ReadConfiguredKey()
    {
        var text = configuration[VariableName]?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!ApiKeyFormat.TryParse(text, out var id, out var secret))
        {
            throw new InvalidOperationException($"{VariableName} is set but is not an OrleansConfig key: the "
                + $"expected form is {ApiKeyFormat.Description}. Correct the variable, or unset it to have the "
                + "api generate the first admin key and print it once.");
        }

        return (id, secret, text);
    }

    private static ApiKeyCreate Request(string secret) => new(
        Name: "bootstrap admin",
        Owner: Owner,
        Kind: ApiKeyKind.Key,
        ExpiresAt: null,
        SecretHash: ApiKeyFormat.Hash(secret),
        Grants: [new Grant(Role.Admin)],
        CreatedBy: Owner);

    /// <summary>Logs the outcome; prints <paramref name="generatedKey"/> when it was created.</summary>
    private void Report(bool created, string id, string? generatedKey)
    {
        if (!created)
        {
            LogKeysExist(id);

            return;
        }

        if (generatedKey is null)
        {
            LogCreatedFromVariable(id, VariableName);

            return;
        }

        PrintKey(generatedKey);
        LogCreatedAndPrinted(id);
    }

    private void PrintKey(string key)
    {
        const string rule = "==================================================================================";
        Output.WriteLine(rule);
        Output.WriteLine("OrleansConfig created the first admin key (admin of all namespaces):");
        Output.WriteLine();
        Output.WriteLine($"    {key}");
        Output.WriteLine();
        Output.WriteLine("Store it in a secret store now. It will not be shown again, and only its hash is kept.");
        Output.WriteLine($"Send it as 'Authorization: Bearer <key>'. To choose the key yourself, set {VariableName}.");
        Output.WriteLine(rule);
        Output.Flush();
    }
}
