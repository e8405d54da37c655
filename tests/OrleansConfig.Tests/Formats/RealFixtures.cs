namespace OrleansConfig.Tests.Formats;

/// <summary>
/// Locates the real configuration files kept beside the repository in shared/fixtures/real.
/// </summary>
internal static class RealFixtures
{
    private const string RelativeFolder = "shared/fixtures/real";

    private static readonly Lazy<string?> s_folder = new(FindFolder);

    /// <summary>The fixture folder, or null when no ancestor of the test binaries has it.</summary>
    public static string? Folder => s_folder.Value;

    /// <summary>The reason shown for a test skipped because the folder is missing.</summary>
    public static string SkipMessage =>
        $"The real fixtures were not found: no ancestor of {AppContext.BaseDirectory} contains "
        + $"{RelativeFolder} or ../{RelativeFolder}. Clone the shared folder next to the "
        + "repository to run these tests.";

    /// <summary>Returns the bytes of a fixture, given its path inside the fixture folder.</summary>
    public static byte[] ReadAllBytes(string relativePath)
    {
        var folder = Folder ?? throw new InvalidOperationException(SkipMessage);

        return File.ReadAllBytes(Path.Combine(folder, relativePath));
    }

    // CI clones the repository next to shared/ (<x>/main and <x>/shared), so each ancestor is
    // tried with shared/ inside it and with shared/ beside it.
    private static string? FindFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        for (; directory is not null; directory = directory.Parent)
        {
            foreach (var candidate in new[] { RelativeFolder, "../" + RelativeFolder })
            {
                var path = Path.GetFullPath(Path.Combine(directory.FullName, candidate));
                if (Directory.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }
}
