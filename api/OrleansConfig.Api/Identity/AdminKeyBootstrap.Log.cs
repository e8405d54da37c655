namespace OrleansConfig.Api.Identity;

public sealed partial class AdminKeyBootstrap
{
    [LoggerMessage(EventId = 1251, Level = LogLevel.Information,
        Message = "Created the first admin key {KeyId} from the variable {VariableName}")]
    private partial void LogCreatedFromVariable(string keyId, string variableName);

    [LoggerMessage(EventId = 1252, Level = LogLevel.Warning,
        Message = "Created the first admin key {KeyId} and wrote it once to standard output; store it now")]
    private partial void LogCreatedAndPrinted(string keyId);

    [LoggerMessage(EventId = 1253, Level = LogLevel.Information,
        Message = "API keys already exist, so no admin key was bootstrapped (key {KeyId} was not created)")]
    private partial void LogKeysExist(string keyId);

    [LoggerMessage(EventId = 1254, Level = LogLevel.Warning,
        Message = "Bootstrap of the admin key failed on attempt {Attempt} of {MaxAttempts}; retrying in {DelaySeconds} s")]
    private partial void LogRetrying(int attempt, int maxAttempts, double delaySeconds, Exception exception);
}
