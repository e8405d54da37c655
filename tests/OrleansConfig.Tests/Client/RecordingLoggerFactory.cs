using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OrleansConfig.Tests.Client;

/// <summary>Records the structured values of chosen log events, so a test counts what the provider did.</summary>
internal sealed class RecordingLoggerFactory(int eventId) : ILoggerFactory, ILogger
{
    public ConcurrentQueue<IReadOnlyDictionary<string, object?>> Events { get; } = new();

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (id.Id == eventId && state is IEnumerable<KeyValuePair<string, object?>> values)
        {
            Events.Enqueue(values.ToDictionary(p => p.Key, p => p.Value));
        }
    }
}
