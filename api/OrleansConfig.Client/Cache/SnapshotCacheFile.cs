using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrleansConfig.Client.Feed;

namespace OrleansConfig.Client.Cache;

/// <summary>
/// The last applied snapshot on local disk, as JSON with the namespace, environment, prefix, revision
/// and entries. It is replaced atomically: written to a temporary file beside it, flushed, then renamed
/// over the old one, so a crash leaves either the old or the new file.
/// </summary>
internal sealed class SnapshotCacheFile(string path, string ns, string environment, string? prefix)
{
    private const int FormatVersion = 1;

    public string Path { get; } = path;

    /// <summary>
    /// Returns the default cache path: a file under the user's local application data folder (or the temp
    /// folder when there is none) named after the environment, with a hash of the platform it comes from
    /// (<paramref name="origin"/>), so two platforms never share a file, and of the prefix when there is one.
    /// </summary>
    public static string DefaultPath(string origin, string ns, string environment, string? prefix)
    {
        var folder = System.Environment.GetFolderPath(System.Environment.SpecialFolder.LocalApplicationData);
        if (string.IsNullOrEmpty(folder))
        {
            folder = System.IO.Path.GetTempPath();
        }

        var originHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(origin)))[..12];
        var name = $"{ns}.{environment}.{originHash}";
        if (!string.IsNullOrEmpty(prefix))
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(prefix.ToUpperInvariant()));
            name += "." + Convert.ToHexStringLower(hash)[..12];
        }

        return System.IO.Path.Combine(folder, "OrleansConfig", "cache", name + ".json");
    }

    public async Task WriteAsync(ConfigSnapshot snapshot, CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        Directory.CreateDirectory(directory);
        var temporaryName = $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp";
        var temporary = System.IO.Path.Combine(directory, temporaryName);
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await using (var writer = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true }))
                {
                    Write(writer, snapshot);
                }

                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Reads the cached snapshot; returns null when there is no file or it belongs to another namespace,
    /// environment or prefix.
    /// </summary>
    /// <exception cref="JsonException">The file is not a cache file of this format.</exception>
    /// <exception cref="KeyNotFoundException">The file lacks a property of the format.</exception>
    /// <exception cref="IOException">The file could not be read.</exception>
    public async Task<ConfigSnapshot?> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        await using var file = File.OpenRead(Path);
        using var document = await JsonDocument.ParseAsync(file, cancellationToken: cancellationToken);
        var root = document.RootElement;
        if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.Number
            || format.GetInt32() != FormatVersion)
        {
            throw new JsonException($"{Path} is not a cache file of format {FormatVersion}.");
        }

        if (Text(root, "namespace") != ns || Text(root, "environment") != environment
            || Text(root, "prefix") != (prefix ?? ""))
        {
            return null;
        }

        var entries = new List<ConfigSnapshotEntry>();
        foreach (var entry in root.GetProperty("entries").EnumerateArray())
        {
            entries.Add(new ConfigSnapshotEntry(
                entry.GetProperty("key").GetString()!,
                entry.GetProperty("value").GetRawText(),
                entry.GetProperty("version").GetInt32()));
        }

        return new ConfigSnapshot(root.GetProperty("revision").GetInt64(), entries);
    }

    private void Write(Utf8JsonWriter writer, ConfigSnapshot snapshot)
    {
        writer.WriteStartObject();
        writer.WriteNumber("format", FormatVersion);
        writer.WriteString("namespace", ns);
        writer.WriteString("environment", environment);
        writer.WriteString("prefix", prefix ?? "");
        writer.WriteNumber("revision", snapshot.Revision);
        writer.WriteStartArray("entries");
        foreach (var entry in snapshot.Entries)
        {
            writer.WriteStartObject();
            writer.WriteString("key", entry.Key);
            writer.WritePropertyName("value");
            writer.WriteRawValue(entry.ValueJson, skipInputValidation: true);
            writer.WriteNumber("version", entry.Version);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
