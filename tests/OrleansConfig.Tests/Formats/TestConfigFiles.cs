using System.Text;
using OrleansConfig.Api.Formats;

namespace OrleansConfig.Tests.Formats;

/// <summary>Shortcuts that read and write configuration files held in strings.</summary>
internal static class TestConfigFiles
{
    public static ConfigFileReadResult Read(
        string text, ConfigFileFormat format, int? document = null)
    {
        var options = new ConfigImportOptions { Document = document };

        return ConfigFileReader.Read(Encoding.UTF8.GetBytes(text), format, options);
    }

    /// <summary>Reads a file that must import, and returns its entries.</summary>
    public static IReadOnlyList<ConfigEntry> ReadEntries(
        string text, ConfigFileFormat format, int? document = null)
    {
        var result = Read(text, format, document);
        Assert.True(result.Succeeded, result.Error);

        return result.Entries;
    }

    /// <summary>Reads a file that must be rejected, and returns the error message.</summary>
    public static string ReadError(string text, ConfigFileFormat format, int? document = null)
    {
        var result = Read(text, format, document);
        Assert.False(result.Succeeded, "The file was expected to be rejected, but it imported.");
        Assert.Empty(result.Entries);

        return result.Error;
    }

    /// <summary>Writes entries that must export, and returns the file as text.</summary>
    public static string WriteText(IReadOnlyList<ConfigEntry> entries, ConfigFileFormat format)
    {
        var result = ConfigFileWriter.Write(entries, format);
        Assert.True(result.Succeeded, result.Error);

        return Encoding.UTF8.GetString(result.Content);
    }

    /// <summary>Returns the value of <paramref name="key"/>, failing when it is missing.</summary>
    public static string ValueOf(IReadOnlyList<ConfigEntry> entries, string key)
    {
        var entry = entries.SingleOrDefault(entry => entry.Key == key);
        Assert.True(entry is not null, $"The key '{key}' is missing.");

        return entry.Value;
    }

    /// <summary>
    /// Asserts that <paramref name="entries"/> survive a write and a read in
    /// <paramref name="format"/>: the same keys in the same case with byte-identical values. The
    /// order is compared by key, because an export groups each section's keys together and puts
    /// array items in index order.
    /// </summary>
    public static void AssertRoundTrip(IReadOnlyList<ConfigEntry> entries, ConfigFileFormat format)
    {
        var written = ConfigFileWriter.Write(entries, format);
        Assert.True(written.Succeeded, written.Error);

        var reread = ConfigFileReader.Read(written.Content, format, ConfigImportOptions.Default);
        Assert.True(reread.Succeeded, reread.Error);

        Assert.Equal(SortByKey(entries), SortByKey(reread.Entries));
    }

    public static ConfigEntry[] Entries(params (string Key, string Value)[] pairs) =>
        pairs.Select(pair => new ConfigEntry(pair.Key, pair.Value)).ToArray();

    private static ConfigEntry[] SortByKey(IEnumerable<ConfigEntry> entries) =>
        entries.OrderBy(entry => entry.Key, StringComparer.Ordinal).ToArray();
}
