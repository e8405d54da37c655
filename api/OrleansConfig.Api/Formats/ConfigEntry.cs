namespace OrleansConfig.Api.Formats;

/// <summary>A configuration key and its value.</summary>
/// <param name="Key">The key, with sections joined by <c>:</c> as in .NET configuration.</param>
/// <param name="Value">The value as raw JSON text, kept byte for byte as it was read.</param>
public sealed record ConfigEntry(string Key, string Value);
