using System.Globalization;

namespace OrleansConfig.Api.Changes;

/// <summary>The <c>?wait=</c> of a long poll, and waiting for the revision to move.</summary>
public static class LongPoll
{
    /// <summary>
    /// Reads a wait such as <c>30s</c>, <c>500ms</c>, <c>1m</c> or <c>30</c> (seconds). Absent means no
    /// wait; more than <paramref name="max"/> is an error.
    /// </summary>
    public static (TimeSpan Wait, string? Error) ParseWait(string? text, TimeSpan max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (TimeSpan.Zero, null);
        }

        var (digits, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return (TimeSpan.Zero, $"wait '{text}' is not a duration; send a whole number with ms, s or m, "
                + "for example wait=30s.");
        }

        var wait = TimeSpan.FromSeconds(amount * unit);
        if (wait > max)
        {
            return (TimeSpan.Zero, $"wait '{text}' is longer than the longest wait of {max.TotalSeconds:0} seconds; "
                + $"send wait={max.TotalSeconds:0}s or less and poll again.");
        }

        return (wait, null);
    }

    /// <summary>Returns when a delivery moves past <paramref name="revision"/> or when the wait ends.</summary>
    public static async Task WaitForChange(ChangeListener listener, long revision, TimeSpan wait,
        CancellationToken aborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(wait);
        try
        {
            while (await listener.Reader.WaitToReadAsync(timeout.Token))
            {
                while (listener.Reader.TryRead(out var delivery))
                {
                    if (delivery.Resync || delivery.Revision > revision)
                    {
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The wait ended without a change, or the api is stopping: either way the caller reads again.
        }
    }
}
