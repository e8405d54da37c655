namespace OrleansConfig.Client;

/// <summary>
/// Thrown while the configuration is built when the platform did not answer within the startup timeout,
/// no cache file exists, and the provider is not optional.
/// </summary>
public sealed class OrleansConfigUnavailableException : Exception
{
    /// <summary>Creates the exception with a message that names the environment, the cause and the fix.</summary>
    public OrleansConfigUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and the failure that caused it.</summary>
    public OrleansConfigUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
