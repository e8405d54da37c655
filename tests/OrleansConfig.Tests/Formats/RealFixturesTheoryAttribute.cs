namespace OrleansConfig.Tests.Formats;

/// <summary>
/// A theory that is skipped, with the reason shown, when the real fixture folder is missing.
/// </summary>
/// <remarks>xunit 2 cannot skip at run time, so the attribute decides when it is built.</remarks>
public sealed class RealFixturesTheoryAttribute : TheoryAttribute
{
    public RealFixturesTheoryAttribute()
    {
        if (RealFixtures.Folder is null)
        {
            Skip = RealFixtures.SkipMessage;
        }
    }
}
