using Microsoft.Extensions.Configuration;

namespace OrleansConfig.Client;

/// <summary>Adds OrleansConfig environments to a configuration and reads their providers' status.</summary>
public static class OrleansConfigurationExtensions
{
    /// <summary>
    /// Adds one OrleansConfig environment as a configuration source. Its keys override those of sources
    /// added before it, and changes on the platform reach the configuration while the application runs.
    /// </summary>
    /// <exception cref="ArgumentException">An option is missing or out of range.</exception>
    /// <exception cref="OrleansConfigUnavailableException">
    /// With a builder that loads sources as they are added (such as <c>WebApplicationBuilder.Configuration</c>):
    /// neither the platform nor the cache gave a configuration, and the source is not optional.
    /// </exception>
    public static IConfigurationBuilder AddOrleansConfig(
        this IConfigurationBuilder builder, Action<OrleansConfigOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);

        var options = new OrleansConfigOptions();
        configure(options);

        return builder.Add(new OrleansConfigSource(options));
    }

    /// <summary>
    /// Returns the status of the first OrleansConfig provider of <paramref name="configuration"/>, also inside
    /// chained configurations, or null when it has none or is not an <see cref="IConfigurationRoot"/>.
    /// </summary>
    public static OrleansConfigStatus? GetOrleansConfigStatus(this IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        return FindProviders(configuration).FirstOrDefault()?.Status;
    }

    /// <summary>
    /// Returns the OrleansConfig providers of <paramref name="configuration"/> in the order they were added.
    /// </summary>
    public static IEnumerable<OrleansConfigProvider> GetOrleansConfigProviders(this IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        return FindProviders(configuration);
    }

    private static IEnumerable<OrleansConfigProvider> FindProviders(IConfiguration configuration)
    {
        if (configuration is not IConfigurationRoot root)
        {
            yield break;
        }

        foreach (var provider in root.Providers)
        {
            if (provider is OrleansConfigProvider orleansConfig)
            {
                yield return orleansConfig;
            }
            else if (provider is ChainedConfigurationProvider chained)
            {
                foreach (var inner in FindProviders(chained.Configuration))
                {
                    yield return inner;
                }
            }
        }
    }
}
