namespace OrleansConfig.Changes;

/// <summary>
/// Names of the change stream: one Orleans stream per environment, in the stream namespace
/// <see cref="Namespace"/>, keyed like the environment grain ("namespace/environment").
/// </summary>
public static class ChangeStreams
{
    /// <summary>The stream provider silos register; clients do not subscribe to it directly.</summary>
    public const string Provider = "changes";

    public const string Namespace = "oc.changes";
}
