namespace OrleansConfig.Identity;

/// <summary>
/// What an identity may do within a scope. Each role includes the permissions of the ones below it:
/// a viewer reads, an operator also writes, an admin also manages keys and grants.
/// </summary>
public enum Role
{
    Viewer = 1,
    Operator = 2,
    Admin = 3,
}

/// <summary>An action an endpoint requires, checked against the caller's grants for the scope it touches.</summary>
public enum Permission
{
    /// <summary>Read configuration, versions, environments and flags; never secret values.</summary>
    Read = 1,

    /// <summary>Write configuration and flags, roll back and import.</summary>
    Write = 2,

    /// <summary>Create and revoke keys, give and take grants.</summary>
    ManageAccess = 3,
}
