namespace OrleansConfig.Flags;

/// <summary>A flag's <c>state</c>: a disabled flag resolves to the caller's default with reason DISABLED.</summary>
public enum FlagState
{
    Enabled,
    Disabled,
}
