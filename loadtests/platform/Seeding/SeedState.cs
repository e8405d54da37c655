using System.Text.Json;

namespace OrleansConfig.LoadTests.Platform.Seeding;

/// <summary>
/// What seeding has finished against one target, kept in a JSON file between runs. <see cref="Marker"/> is
/// also written into the target: when the target does not hold it (a new database), the state is stale.
/// <see cref="Completed"/> maps each finished step id to the changes it made.
/// </summary>
public sealed class SeedState
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public int Version { get; set; } = 1;

    public string Target { get; set; } = "";

    public string Fingerprint { get; set; } = "";

    public string Marker { get; set; } = "";

    public Dictionary<string, int> Completed { get; set; } = [];

    public long Changes => Completed.Values.Sum(c => (long)c);

    /// <summary>Reads the file, or returns null when it does not exist.</summary>
    public static SeedState? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        return JsonSerializer.Deserialize<SeedState>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"The seed state file {path} is empty; delete it to seed again.");
    }

    /// <summary>
    /// Writes the file through a temporary file and a rename, so that a crash leaves the old or the new one.
    /// </summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }
}
