using System.Diagnostics.CodeAnalysis;

namespace OrleansConfig.Api.Formats;

/// <summary>The outcome of reading a configuration file: its entries or why it failed.</summary>
public sealed class ConfigFileReadResult
{
    private ConfigFileReadResult(IReadOnlyList<ConfigEntry> entries, string? error)
    {
        Entries = entries;
        Error = error;
    }

    /// <summary>The entries in file order, or none when <see cref="Error"/> is set.</summary>
    public IReadOnlyList<ConfigEntry> Entries { get; }

    /// <summary>The message that explains why the file was rejected, or null on success.</summary>
    public string? Error { get; }

    /// <summary>Whether the file was read, in which case <see cref="Error"/> is null.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static ConfigFileReadResult Success(IReadOnlyList<ConfigEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);

        return new ConfigFileReadResult(entries, null);
    }

    public static ConfigFileReadResult Failure(string error)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);

        return new ConfigFileReadResult([], error);
    }
}
