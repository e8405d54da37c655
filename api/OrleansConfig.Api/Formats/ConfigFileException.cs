namespace OrleansConfig.Api.Formats;

/// <summary>
/// A rejected file or entry set. It never leaves this namespace: <see cref="ConfigFileReader"/> and
/// <see cref="ConfigFileWriter"/> turn it into an error value.
/// </summary>
internal sealed class ConfigFileException(string message) : Exception(message);
