namespace OrleansConfig.Identity;

/// <summary>
/// What an identity may do within a scope. Viewer, operator and admin each include the permissions of
/// the ones below: a viewer reads, an operator also writes, an admin also manages keys and grants and
/// reads the audit log. An auditor is separate from that order: it reads configuration and the audit log, nothing more.
/// </summary>
public enum Role
{
    Viewer = 1,
    Operator = 2,
    Admin = 3,
    Auditor = 10,
}

/// <summary>An action an endpoint requires, checked against the caller's grants for the scope it touches.</summary>
public enum Permission
{
    /// <summary>Read configuration, versions, environments, flags and secret metadata; never secret values.</summary>
    Read = 1,

    /// <summary>Write configuration, flags and secrets, roll back, import and set rotation policies.</summary>
    Write = 2,

    /// <summary>Create and revoke keys, give and take grants.</summary>
    ManageAccess = 3,

    /// <summary>Read, export and verify the audit log; given to admins and auditors.</summary>
    Audit = 4,

    /// <summary>
    /// Reveal secret values: operators and admins in their scope, and any viewer or operator grant that
    /// lists the secret (<see cref="Grant.Secrets"/>); a service token only through such a list.
    /// </summary>
    RevealSecret = 5,

    /// <summary>Purge secrets, and on all namespaces rotate key-encryption keys; given to admins.</summary>
    AdministerSecrets = 6,
}
