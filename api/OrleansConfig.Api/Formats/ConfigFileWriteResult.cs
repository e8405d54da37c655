using System.Diagnostics.CodeAnalysis;

namespace OrleansConfig.Api.Formats;

/// <summary>The outcome of writing a configuration file: its bytes or why it failed.</summary>
public sealed class ConfigFileWriteResult
{
    private ConfigFileWriteResult(byte[] content, string contentType, string? error)
    {
        Content = content;
        ContentType = contentType;
        Error = error;
    }

    /// <summary>
    /// The file as UTF-8 without a byte-order mark, or empty when <see cref="Error"/> is set.
    /// </summary>
    public byte[] Content { get; }

    /// <summary>The Content-Type to serve the file with, such as <c>application/yaml</c>.</summary>
    public string ContentType { get; }

    /// <summary>The message that explains why writing failed, or null on success.</summary>
    public string? Error { get; }

    /// <summary>Whether the file was written, in which case <see cref="Error"/> is null.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static ConfigFileWriteResult Success(byte[] content, string contentType)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(contentType);

        return new ConfigFileWriteResult(content, contentType, null);
    }

    public static ConfigFileWriteResult Failure(string error, string contentType)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        ArgumentException.ThrowIfNullOrEmpty(contentType);

        return new ConfigFileWriteResult([], contentType, error);
    }
}
