using Microsoft.Extensions.Options;
using OrleansConfig.Api;
using OrleansConfig.Api.Audit;
using OrleansConfig.Api.Changes;
using OrleansConfig.Api.Configuration;
using OrleansConfig.Api.Drift;
using OrleansConfig.Api.Flags;
using OrleansConfig.Api.Flags.Evaluation;
using OrleansConfig.Api.Flags.Ofrep;
using OrleansConfig.Api.Health;
using OrleansConfig.Api.Http;
using OrleansConfig.Api.Identity;
using OrleansConfig.Api.Secrets;
using OrleansConfig.Api.Instances;
using OrleansConfig.Api.Schemas;
using OrleansConfig.Api.Security;
using OrleansConfig.Configuration;
using OrleansConfig.Hosting;
using Serilog;

var builder = WebApplication.CreateBuilder(args.Where(a => a != "--dev").ToArray());

// OrleansConfig:InMemory=true is the --dev flag as a setting, for hosts that pass only settings (tests).
var devMode = args.Contains("--dev") || builder.Configuration.GetValue<bool>("OrleansConfig:InMemory");
var settings = OrleansConfigSettings.FromEnvironment() with { InMemory = devMode };

builder.Services.AddSerilog((_, logger) => Logging.Configure(logger, builder.Configuration));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<SnapshotCache>();
builder.Services.AddSingleton<ChangeHub>();
builder.Services.AddSingleton<FlagEvaluationCache>();
builder.Services.AddOptions<FlagCacheOptions>().BindConfiguration(FlagCacheOptions.SectionName)
    .ValidateDataAnnotations();
builder.Services.AddSingleton<FlagCreationTimes>();
builder.Services.AddOptions<WatchOptions>().BindConfiguration(WatchOptions.SectionName).ValidateDataAnnotations();
builder.Services.AddProblemDetails();
// A query value that does not bind (?version=abc) becomes a 400 with a detail instead of an empty 400.
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddExceptionHandler<UnavailableExceptionHandler>();
builder.Services.AddOpenApi();
builder.Services.AddOptions<ConfigStoreOptions>()
    .BindConfiguration(ConfigStoreOptions.SectionName)
    .ValidateDataAnnotations();
builder.Services.AddOptions<SecretApiOptions>()
    .BindConfiguration(SecretApiOptions.SectionName)
    .ValidateDataAnnotations();
builder.Services.AddOrleansConfigHealth(withPostgres: !devMode);
builder.AddOrleansConfigSecurity();
OrleansSetup.AddCluster(builder, settings);

// Registered after the Orleans client, because hosted services start in order and it calls grains.
builder.Services.AddHostedService<AdminKeyBootstrap>();

var app = builder.Build();
if (devMode)
{
    app.Logger.LogWarning("Development mode: one process with an in-memory silo. Nothing is kept when it stops.");
}

app.UseExceptionHandler();
app.UseStatusCodePages(StatusCodeProblems.WriteAsync);
app.UseOrleansConfigSecurity();
app.UseAuditContext();
app.MapOpenApi().AllowAnonymous();
app.MapOrleansConfigHealth();
app.MapNamespacesApi();
app.MapConfigsApi(app.Services.GetRequiredService<IOptions<ConfigStoreOptions>>().Value);
app.MapSnapshotApi();
app.MapWatchApi();
app.MapAuditApi();
app.MapAuditReports();
app.MapImportExportApi();
app.MapSecretsApi(app.Services.GetRequiredService<IOptions<SecretApiOptions>>().Value);
app.MapSecretRevealApi();
app.MapSecretRotationApi();
app.MapSecretRotationReports();
app.MapKeyringApi();
app.MapFlagsApi(app.Services.GetRequiredService<IOptions<ConfigStoreOptions>>().Value);
app.MapSchemasApi();
app.MapDiffApi();
app.MapPromotionApi();
app.MapPlanApi();
app.MapDesiredStateApi();
app.MapInstancesApi();
app.MapKeysApi();
app.MapGrantsApi();
app.MapMeApi();
app.MapOfrepApi();

await app.RunAsync();

/// <summary>The api's entry point, visible to the tests' host factory.</summary>
public partial class Program;
