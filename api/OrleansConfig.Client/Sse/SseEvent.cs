namespace OrleansConfig.Client.Sse;

/// <summary>
/// One dispatched server-sent event: its type (<c>message</c> when the stream named none), its data
/// lines joined by line feeds, and the last event ID the stream set, which persists across events.
/// </summary>
internal sealed record SseEvent(string EventType, string Data, string LastEventId);
