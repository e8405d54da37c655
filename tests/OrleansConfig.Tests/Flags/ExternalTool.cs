using System.Diagnostics;

namespace OrleansConfig.Tests.Flags;

/// <summary>Runs node, npm and dotnet as child processes for the flag tests.</summary>
internal static class ExternalTool
{
    private static readonly Lazy<string?> s_missing = new(FindMissing);

    /// <summary>Why node or npm cannot run here, or null when both run.</summary>
    public static string? MissingReason => s_missing.Value;

    /// <summary>
    /// Runs a command and returns its standard output; fails with its standard error on a non-zero
    /// exit.
    /// </summary>
    public static string Run(string fileName, string arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // A child that must run with a culture other than the invariant one cannot inherit this.
        start.Environment.Remove("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT");
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"{fileName} did not start.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{fileName} {arguments}' did not finish within {timeout.TotalSeconds} s.");
        }

        process.WaitForExit();

        return process.ExitCode == 0
            ? output.Result
            : throw new InvalidOperationException(
                $"'{fileName} {arguments}' in {workingDirectory} exited with {process.ExitCode}: {error.Result}");
    }

    private static string? FindMissing()
    {
        foreach (var tool in new[] { "node", "npm" })
        {
            try
            {
                Run(tool, "--version", Path.GetTempPath(), TimeSpan.FromSeconds(30));
            }
            catch (Exception exception) when (
                exception is System.ComponentModel.Win32Exception or InvalidOperationException
                or TimeoutException)
            {
                return $"{tool} is not available ({exception.Message}); install Node.js 20 or later with npm to run "
                    + "the comparison with @openfeature/flagd-core.";
            }
        }

        return null;
    }
}

/// <summary>
/// A fact that is skipped, with the reason shown, when node or npm is missing, or when it needs
/// the real fixture folder and that is missing.
/// </summary>
public sealed class NodeFactAttribute : FactAttribute
{
    private bool _needsRealFixtures;

    public NodeFactAttribute()
    {
        Skip = ExternalTool.MissingReason;
    }

    /// <summary>Whether the test reads the real fixture folder beside the repository.</summary>
    public bool NeedsRealFixtures
    {
        get => _needsRealFixtures;
        set
        {
            _needsRealFixtures = value;
            if (value && Skip is null && Formats.RealFixtures.Folder is null)
            {
                Skip = Formats.RealFixtures.SkipMessage;
            }
        }
    }
}
