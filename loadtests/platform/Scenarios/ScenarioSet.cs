using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansConfig.LoadTests.Platform.Data;
using OrleansConfig.LoadTests.Platform.Drivers;
using OrleansConfig.LoadTests.Platform.Engine;
using OrleansConfig.LoadTests.Platform.Monitoring;
using OrleansConfig.LoadTests.Platform.Options;
using OrleansConfig.LoadTests.Platform.Reporting;

namespace OrleansConfig.LoadTests.Platform.Scenarios;

/// <summary>
/// The scenarios of one run over one driver: builds the driver's operations, plans each selected scenario,
/// and runs it, or reports it as not available with the reason. A scenario that throws is reported as
/// failed and the run goes on with the next.
/// </summary>
public sealed class ScenarioSet(LoadOptions options, ProfileSettings profile, DatasetLayout layout,
    PlatformClient client, RunCredentials credentials, TargetFeatures features, IHost? orleans, string runId,
    ProcessSampler sampler, TextWriter progress)
{
    public async Task<List<ScenarioResult>> RunAsync(CancellationToken cancellationToken)
    {
        var bounds = RunBounds.Default with { MaxRequests = options.MaxRequests };
        var grains = orleans?.Services.GetRequiredService<IGrainFactory>();
        var operations = grains is null
            ? new HttpOperations(client, layout, credentials, runId).Create(features, profile.LongPollWait)
            : new OrleansOperations(grains, layout, runId).Create();
        using var api = new ApiClient(options.Target, options.AdminKey);
        var propagationEnvironment = layout.PropagationEnvironment(runId);
        IPropagationTarget propagation = grains is null
            ? new HttpPropagationTarget(api, propagationEnvironment)
            : new OrleansPropagationTarget(grains, propagationEnvironment,
                orleans!.Services.GetRequiredService<ILoggerFactory>().CreateLogger("loadtests"));

        var results = new List<ScenarioResult>();
        foreach (var name in options.Scenarios.Count > 0 ? options.Scenarios : ScenarioNames.All)
        {
            var plan = ScenarioCatalog.Create(name, profile, operations);
            if (!plan.Runnable)
            {
                var reason = string.Join("; ", plan.Unavailable);
                progress.WriteLine($"scenario {name}: not available on this target ({reason})");
                results.Add(ScenarioResult.NotRun(name, plan.Description, ScenarioStatus.NotAvailable, reason,
                    plan.Unavailable));
                continue;
            }

            try
            {
                if (plan.Propagation)
                {
                    await api.CreateEnvironmentAsync(propagationEnvironment.Namespace,
                        propagationEnvironment.Environment, cancellationToken);
                }

                var result = plan.Propagation
                    ? await new PropagationRunner(propagation, sampler, bounds, progress)
                        .RunAsync(plan, cancellationToken)
                    : await new ScenarioRunner(sampler, bounds, progress).RunAsync(plan, cancellationToken);
                progress.WriteLine($"  {result.Requests:N0} requests, {result.Errors:N0} failed");
                results.Add(result);
            }
            catch (Exception exception) when (exception is not OperationCanceledException
                || !cancellationToken.IsCancellationRequested)
            {
                progress.WriteLine($"scenario {name} failed: {exception.Message}");
                results.Add(ScenarioResult.NotRun(name, plan.Description, ScenarioStatus.Failed, exception.Message,
                    plan.Unavailable));
            }
        }

        return results;
    }
}
