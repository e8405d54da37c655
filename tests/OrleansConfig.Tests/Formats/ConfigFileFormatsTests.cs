using OrleansConfig.Api.Formats;

namespace OrleansConfig.Tests.Formats;

public sealed class ConfigFileFormatsTests
{
    [Theory]
    [InlineData("json", ConfigFileFormat.Json)]
    [InlineData("JSON", ConfigFileFormat.Json)]
    [InlineData("yaml", ConfigFileFormat.Yaml)]
    [InlineData("Yml", ConfigFileFormat.Yaml)]
    [InlineData("dotenv", ConfigFileFormat.Dotenv)]
    [InlineData("ENV", ConfigFileFormat.Dotenv)]
    public void TryParse_accepts_format_names(string text, ConfigFileFormat expected)
    {
        var parsed = ConfigFileFormats.TryParse(text, out var format);

        Assert.True(parsed);
        Assert.Equal(expected, format);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("toml")]
    [InlineData(" json")]
    [InlineData(".env")]
    public void TryParse_rejects_unknown_names(string? text)
    {
        Assert.False(ConfigFileFormats.TryParse(text, out _));
    }

    [Theory]
    [InlineData(ConfigFileFormat.Json, "application/json")]
    [InlineData(ConfigFileFormat.Yaml, "application/yaml")]
    [InlineData(ConfigFileFormat.Dotenv, "text/plain; charset=utf-8")]
    public void Writer_serves_format_content_type(ConfigFileFormat format, string contentType)
    {
        var result = ConfigFileWriter.Write(TestConfigFiles.Entries(("a", "\"x\"")), format);

        Assert.Equal(contentType, result.ContentType);
        Assert.Equal(contentType, ConfigFileFormats.GetContentType(format));
    }
}
