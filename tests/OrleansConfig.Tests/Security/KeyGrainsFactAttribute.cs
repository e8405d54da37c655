using OrleansConfig.Identity;

namespace OrleansConfig.Tests.Security;

/// <summary>
/// A fact that is skipped, with the reason shown, while the silo has no <see cref="IApiKeyGrain"/>
/// implementation to authenticate against.
/// </summary>
/// <remarks>xunit 2 cannot skip at run time, so the attribute decides when it is built.</remarks>
public sealed class KeyGrainsFactAttribute : FactAttribute
{
    public KeyGrainsFactAttribute()
    {
        // The grain classes live in the OrleansConfig.Grains assembly, next to StorageNames.
        var types = typeof(StorageNames).Assembly.GetTypes();
        if (!types.Any(type => type.IsClass && typeof(IApiKeyGrain).IsAssignableFrom(type)))
        {
            Skip = "No class implements IApiKeyGrain in OrleansConfig.Grains, so there is no key grain to call.";
        }
    }
}
