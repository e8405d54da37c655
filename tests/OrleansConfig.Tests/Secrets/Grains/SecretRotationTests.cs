using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using OrleansConfig.Configuration;
using OrleansConfig.Secrets;
using OrleansConfig.Tests.Infrastructure;
using static OrleansConfig.Tests.Secrets.Grains.SecretGrains;

namespace OrleansConfig.Tests.Secrets.Grains;

/// <summary>
/// Rotation policies on a fake product clock: due secrets rotate once, the previous version is readable
/// inside the overlap only, a failing webhook leaves the current version and retries with backoff, and
/// the rotation reminder is stored in PostgreSQL. The webhook is an in-test HTTP server on 127.0.0.1.
/// </summary>
public sealed class SecretRotationTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(10);

    private readonly string _serviceId = TestServices.NewServiceId();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly SecretKeyring _keyring = Keyring(SecretTestKeys.NewEntry("kek-rotation"));
    private Orleans.TestingHost.InProcessTestCluster _cluster = null!;
    private FakeRotationWebhook _webhook = null!;

    private IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync()
    {
        await TestServices.RequirePostgresAsync();
        _webhook = await FakeRotationWebhook.StartAsync();
        _cluster = await StartCluster();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _webhook.DisposeAsync();
    }

    [Fact]
    public async Task DueSecrets_RotateOnce()
    {
        var ns = await NewEnvironmentAsync(Grains);
        var due = await PolicySecretAsync(ns, "due-1", Password());
        var alsoDue = await PolicySecretAsync(ns, "due-2", Password() with { Kind = SecretGeneratorKind.Bytes });
        _time.Advance(TimeSpan.FromMinutes(30));
        var later = await PolicySecretAsync(ns, "not-due", Password());
        _time.Advance(TimeSpan.FromMinutes(31));

        var first = await Task.WhenAll(
            due.RotateIfDue(), due.RotateIfDue(), alsoDue.RotateIfDue(), later.RotateIfDue());
        var second = await Task.WhenAll(due.RotateIfDue(), alsoDue.RotateIfDue());

        // The two concurrent calls on one grain may arrive in either order; exactly one of them rotates.
        Assert.Single(first[..2], status => status == SecretStatus.Rotated);
        Assert.Single(first[..2], status => status == SecretStatus.NotDue);
        Assert.Equal([SecretStatus.Rotated, SecretStatus.NotDue], first[2..]);
        Assert.Equal([SecretStatus.NotDue, SecretStatus.NotDue], second);
        Assert.Equal((2, "rotate"), await CurrentAsync(due));
        Assert.Equal((2, "rotate"), await CurrentAsync(alsoDue));
        Assert.Equal(1, (await later.Get()).LatestVersion);
        Assert.NotEqual("initial-due-1", (await RevealAsync(due)).Value);
        Assert.Equal(44, (await RevealAsync(alsoDue)).Value!.Length);
    }

    [Fact]
    public async Task Rotation_PublishesAndAuditsTheChange()
    {
        var ns = await NewEnvironmentAsync(Grains);
        var secret = await PolicySecretAsync(ns, "published", Password());
        _time.Advance(Interval);

        await secret.RotateIfDue();
        var changes = await Grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, EnvironmentName))
            .GetChanges(0, 10);
        var records = await AuditAsync(Grains, ns, "secret.rotate");

        var change = changes.Events[^1];
        Assert.Equal(("published", 2, "rotate"), (change.Key, change.Version, change.Action));
        Assert.Null(change.Value);
        var record = Assert.Single(records);
        Assert.Equal(("rotation policy", 2), (record.Actor, record.VersionAfter));
    }

    [Fact]
    public async Task Previous_ReadableInsideOverlapOnly()
    {
        var ns = await NewEnvironmentAsync(Grains);
        var secret = await PolicySecretAsync(ns, "overlap", Password());
        _time.Advance(Interval);
        await secret.RotateIfDue();

        _time.Advance(Overlap - TimeSpan.FromSeconds(1));
        var inside = await RevealAsync(secret, previous: true);
        var metadata = (await secret.Get()).Secret!;
        _time.Advance(TimeSpan.FromSeconds(1));
        var after = await RevealAsync(secret, previous: true);

        Assert.Equal("initial-overlap", inside.Value);
        Assert.Equal(1, inside.Reveal.Version);
        Assert.Equal(1, metadata.Previous!.Version);
        Assert.Equal(SecretStatus.NoPrevious, after.Reveal.Status);
        Assert.Null((await secret.Get()).Secret!.Previous);
        Assert.Equal("initial-overlap", (await RevealAsync(secret, version: 1)).Value);
    }

    [Fact]
    public async Task FailingWebhook_LeavesCurrentVersion()
    {
        var ns = await NewEnvironmentAsync(Grains);
        var secret = await PolicySecretAsync(ns, "webhook", Webhook());
        _webhook.Failing = true;
        _time.Advance(Interval);

        var failed = await secret.RotateIfDue();
        var status = (await secret.Get()).Secret!.Rotation!;
        var retriedTooEarly = await secret.RotateIfDue();

        Assert.Equal(SecretStatus.RotationFailed, failed);
        Assert.Equal((1, "initial-webhook"), ((await secret.Get()).LatestVersion, (await RevealAsync(secret)).Value));
        Assert.Equal(1, status.ConsecutiveFailures);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(1), status.NextAttemptAt);
        Assert.Contains("HTTP 500", status.LastError, StringComparison.Ordinal);
        Assert.True(status.Overdue);
        Assert.Equal(SecretStatus.NotDue, retriedTooEarly);
        Assert.Single(_webhook.Requests);
        Assert.Single(await AuditAsync(Grains, ns, "secret.rotation-failed"));
    }

    [Fact]
    public async Task FailingWebhook_RetriesWithBackoff()
    {
        var ns = await NewEnvironmentAsync(Grains);
        var secret = await PolicySecretAsync(ns, "backoff", Webhook());
        _webhook.Failing = true;
        _time.Advance(Interval);

        await secret.RotateIfDue();
        _time.Advance(TimeSpan.FromMinutes(1));
        await secret.RotateIfDue();
        var afterTwo = (await secret.Get()).Secret!.Rotation!;
        _webhook.Failing = false;
        _time.Advance(TimeSpan.FromMinutes(2));
        var rotated = await secret.RotateIfDue();
        var history = await secret.GetRotationHistory(10);

        Assert.Equal(2, afterTwo.ConsecutiveFailures);
        Assert.Equal(_time.GetUtcNow(), afterTwo.NextAttemptAt);
        Assert.Equal(SecretStatus.Rotated, rotated);
        Assert.Equal(_webhook.Issued.Last(), (await RevealAsync(secret)).Value);
        Assert.Equal([(true, 3), (false, 2), (false, 1)], history.Select(a => (a.Succeeded, a.Attempt)));
        Assert.Equal(0, (await secret.Get()).Secret!.Rotation!.ConsecutiveFailures);
        var request = _webhook.Requests.Last();
        Assert.Equal((ns, "backoff", 2), (request["namespace"]!.GetValue<string>(), request["name"]!.GetValue<string>(),
            request["version"]!.GetValue<int>()));
    }

    [Fact]
    public async Task DeletedSecret_DoesNotRotate()
    {
        var ns = await NewEnvironmentAsync(Grains);
        var secret = await PolicySecretAsync(ns, "deleted", Password());
        await secret.Delete(new ConfigDelete("bob", null, WriteConditions.None));
        _time.Advance(Interval);

        Assert.Equal(SecretStatus.NotDue, await secret.RotateIfDue());
        Assert.Equal(2, (await secret.Get()).LatestVersion);
    }

    [Fact]
    public async Task Reminder_IsStoredAndSurvivesRestart()
    {
        var ns = await NewEnvironmentAsync(Grains);
        await PolicySecretAsync(ns, "reminded", Password());
        var grainKey = GrainKeys.Secret(ns, EnvironmentName, "reminded");

        Assert.Equal(1, await ReminderRowsAsync(grainKey));
        await _cluster.DisposeAsync();
        _time.Advance(Interval);
        _cluster = await StartCluster();
        var secret = Secret(Grains, ns, "reminded");

        Assert.Equal(SecretStatus.Rotated, await secret.RotateIfDue());
        Assert.Equal(1, await ReminderRowsAsync(grainKey));
        await secret.RemoveRotationPolicy("bob");
        Assert.Equal(0, await ReminderRowsAsync(grainKey));
    }

    [Fact]
    public async Task Reminder_RotatesAnOverdueSecret()
    {
        var ns = await NewEnvironmentAsync(Grains);
        var secret = Secret(Grains, ns, "overdue");
        await PutAsync(secret, "overdue", "initial-overdue");
        _time.Advance(Interval * 2);

        await secret.SetRotationPolicy(new SecretRotationPolicyChange(Policy(Password()), "bob"));
        await ClusterHttp.WaitForAsync(async () => (await secret.Get()).LatestVersion == 2, TimeSpan.FromSeconds(60),
            "the reminder's rotation");

        Assert.Equal((2, "rotate"), await CurrentAsync(secret));
        Assert.Equal("rotation policy", (await secret.Get()).Secret!.Current.Author);
    }

    [Fact]
    public async Task InvalidPolicy_IsRejected()
    {
        var ns = await NewEnvironmentAsync(Grains);
        var secret = Secret(Grains, ns, "invalid");
        await PutAsync(secret, "invalid", "initial-invalid");

        var tooShort = await secret.SetRotationPolicy(new SecretRotationPolicyChange(
            new SecretRotationPolicy(TimeSpan.FromSeconds(5), TimeSpan.Zero, Password()), "bob"));
        var noClass = await secret.SetRotationPolicy(new SecretRotationPolicyChange(Policy(Password() with
        {
            Lowercase = false, Uppercase = false, Digits = false, Symbols = false,
        }), "bob"));

        Assert.Equal(SecretStatus.InvalidPolicy, tooShort.Status);
        Assert.Equal(SecretStatus.InvalidPolicy, noClass.Status);
        Assert.Null((await secret.Get()).Secret!.Rotation);
    }

    private Task<Orleans.TestingHost.InProcessTestCluster> StartCluster() =>
        StartAsync(_serviceId, _keyring, _time, options => options.RotationRetryDelay = TimeSpan.FromMinutes(1));

    private async Task<ISecretGrain> PolicySecretAsync(string ns, string name, SecretGenerator generator)
    {
        var secret = Secret(Grains, ns, name);
        await PutAsync(secret, name, $"initial-{name}");
        var result = await secret.SetRotationPolicy(new SecretRotationPolicyChange(Policy(generator), "bob"));
        Assert.Equal(SecretStatus.Found, result.Status);

        return secret;
    }

    private static SecretRotationPolicy Policy(SecretGenerator generator) => new(Interval, Overlap, generator);

    private static SecretGenerator Password() => new(SecretGeneratorKind.Password, 32, Symbols: true);

    private SecretGenerator Webhook() => new(SecretGeneratorKind.Webhook, WebhookUrl: _webhook.Address.ToString());

    private static async Task<(int Version, string? Action)> CurrentAsync(ISecretGrain secret)
    {
        var current = (await secret.Get()).Secret!.Current;

        return (current.Version, current.Action);
    }

    private async Task<long> ReminderRowsAsync(string grainKey)
    {
        await using var dataSource = NpgsqlDataSource.Create(TestServices.Postgres);
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FROM orleans_reminders WHERE service_id = $1 AND grain_id LIKE $2");
        command.Parameters.AddWithValue(_serviceId);
        command.Parameters.AddWithValue("%" + grainKey);

        return (long)(await command.ExecuteScalarAsync())!;
    }
}
