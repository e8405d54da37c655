using OrleansConfig.Items;

namespace OrleansConfig.Configuration;

/// <summary>Persisted state of a configuration key grain: its versions, nothing more.</summary>
public sealed class ConfigKeyState : VersionedItemState;
