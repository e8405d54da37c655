using System.Diagnostics;
using OrleansConfig.Configuration;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Audit;

/// <summary>The command-line verification, run as the silo executable with <c>verify-audit</c>.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class AuditVerifyCommandTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task IntactThenTampered_ExitCodesAndMessages()
    {
        var ns = TestServices.NewNamespace();
        await GrainClusterFixture.CreateEnvironmentAsync(fixture.Grains, ns, "prod");
        var grain = fixture.Grains.GetGrain<IConfigKeyGrain>(GrainKeys.ConfigKey(ns, "prod", "A"));
        foreach (var value in new[] { "1", "2", "3" })
        {
            await grain.Put(new ConfigPut("A", value, "tester (key abc)", null, WriteConditions.None));
        }

        var (intactCode, intactOutput) = await RunAsync(ns);
        Assert.Equal(0, intactCode);
        Assert.Contains($"chain {ns}: intact up to record 5", intactOutput);

        await AuditDatabase.TamperAsync(
            "UPDATE orleansconfig_audit SET resource = 'B' WHERE service_id = $1 AND chain = $2 AND seq = 4",
            fixture.ServiceId, ns);
        var (brokenCode, brokenOutput) = await RunAsync(ns);

        Assert.Equal(1, brokenCode);
        Assert.Contains($"chain {ns}: BROKEN at record 4", brokenOutput);
    }

    [Fact]
    public async Task MissingKey_ExitCode2()
    {
        var (code, output) = await RunAsync("any", withKey: false);

        Assert.Equal(2, code);
        Assert.Contains("ORLEANSCONFIG_AUDIT_KEY is not set", output);
    }

    private async Task<(int Code, string Output)> RunAsync(string chain, bool withKey = true)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepositoryPaths.SiloAssembly);
        info.ArgumentList.Add("verify-audit");
        info.ArgumentList.Add(chain);
        info.Environment["ORLEANSCONFIG_POSTGRES"] = TestServices.Postgres;
        info.Environment["ORLEANSCONFIG_SERVICE_ID"] = fixture.ServiceId;
        if (!withKey)
        {
            info.Environment["ORLEANSCONFIG_AUDIT_KEY"] = "";
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        return (process.ExitCode, output + error);
    }
}
