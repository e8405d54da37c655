namespace OrleansConfig.Tests.Infrastructure;

/// <summary>Finds the repository and the built silo and api next to the test assembly.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built with, used to find the other outputs.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains(
            $"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";

    public static string SiloAssembly => Output("silo/OrleansConfig.Silo", "OrleansConfig.Silo.dll");

    public static string ApiAssembly => Output("api/OrleansConfig.Api", "OrleansConfig.Api.dll");

    /// <summary>Returns <c>shared/fixtures/real</c> beside the repository, or null when it is absent.</summary>
    public static string? RealFixtures()
    {
        for (var directory = new DirectoryInfo(Root); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "fixtures", "real");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string Output(string project, string assembly)
    {
        var path = Path.Combine(Root, project, "bin", Configuration, "net10.0", assembly);

        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing; build the solution in {Configuration} first.");
    }

    private static string FindRoot()
    {
        var start = new DirectoryInfo(AppContext.BaseDirectory);
        for (var directory = start; directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OrleansConfig.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No OrleansConfig.sln above {AppContext.BaseDirectory}.");
    }
}
