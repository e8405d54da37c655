namespace OrleansConfig.Client.Feed;

/// <summary>
/// A failed read of the platform. <see cref="IsTransient"/> is false for answers that repeating the
/// request will not change soon, such as rejected credentials or a missing environment.
/// </summary>
internal sealed class FeedException(string message, bool isTransient, Exception? innerException = null)
    : Exception(message, innerException)
{
    public bool IsTransient { get; } = isTransient;
}
