namespace OrleansConfig.Client.Sample;

/// <summary>
/// The <c>Features</c> section, which the sample reads from OrleansConfig and prints when it changes.
/// </summary>
public sealed class FeatureSettings
{
    public long MaxItems { get; set; }

    public bool Checkout { get; set; }
}
