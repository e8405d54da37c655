using Microsoft.Extensions.Configuration;

namespace OrleansConfig.Client;

/// <summary>
/// Configuration source of one OrleansConfig environment; builds an <see cref="OrleansConfigProvider"/>.
/// </summary>
public sealed class OrleansConfigSource : IConfigurationSource
{
    /// <summary>Creates the source from checked options, which it keeps.</summary>
    public OrleansConfigSource(OrleansConfigOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsValidation.Validate(options);
        Options = options;
    }

    /// <summary>Settings of the provider.</summary>
    public OrleansConfigOptions Options { get; }

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new OrleansConfigProvider(Options);
}
