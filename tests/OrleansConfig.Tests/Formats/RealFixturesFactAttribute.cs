namespace OrleansConfig.Tests.Formats;

/// <summary>
/// A fact that is skipped, with the reason shown, when the real fixture folder is missing.
/// </summary>
/// <remarks>xunit 2 cannot skip at run time, so the attribute decides when it is built.</remarks>
public sealed class RealFixturesFactAttribute : FactAttribute
{
    public RealFixturesFactAttribute()
    {
        if (RealFixtures.Folder is null)
        {
            Skip = RealFixtures.SkipMessage;
        }
    }
}
