using OrleansConfig.Identity;
using OrleansConfig.Secrets;

namespace OrleansConfig.Tests.Secrets;

/// <summary>The grammar of secret names and grant patterns, and which grants reveal which secrets.</summary>
public sealed class SecretNameRulesTests
{
    [Theory]
    [InlineData("db-password")]
    [InlineData("Stripe.ApiKey_2")]
    [InlineData("9")]
    public void ValidName_IsAccepted(string name) => Assert.Null(SecretNameRules.ValidateName(name));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("-leading", "starts with '-'")]
    [InlineData("a/b", "contains '/' at position 2")]
    [InlineData("a b", "contains ' ' at position 2")]
    [InlineData("caf\u00e9", "U+00E9")]
    public void InvalidName_NamesTheProblem(string name, string expected) =>
        Assert.Contains(expected, SecretNameRules.ValidateName(name), StringComparison.Ordinal);

    [Fact]
    public void LongName_IsRejected() =>
        Assert.Contains("maximum is 128", SecretNameRules.ValidateName(new string('a', 129)), StringComparison.Ordinal);

    [Theory]
    [InlineData("db-*", "DB-password", true)]
    [InlineData("db-password", "db-password", true)]
    [InlineData("db-password", "db-passwords", false)]
    [InlineData("*", "anything", true)]
    [InlineData("api-*", "db-api-key", false)]
    public void Pattern_MatchesIgnoringCase(string pattern, string name, bool expected) =>
        Assert.Equal(expected, SecretNameRules.Matches([pattern], name));

    [Theory]
    [InlineData("db*x")]
    [InlineData("**")]
    [InlineData("-*")]
    public void InvalidPattern_IsRejected(string pattern) =>
        Assert.Contains($"'{pattern}'", SecretNameRules.ValidatePatterns([pattern]), StringComparison.Ordinal);

    [Fact]
    public void EmptyPatternList_IsRejected() =>
        Assert.Contains("list 1 to 50", SecretNameRules.ValidatePatterns([]), StringComparison.Ordinal);

    [Theory]
    [InlineData(Role.Admin, true)]
    [InlineData(Role.Operator, true)]
    [InlineData(Role.Viewer, false)]
    [InlineData(Role.Auditor, false)]
    public void RoleGrant_RevealsByRole(Role role, bool expected)
    {
        var grant = new Grant(role, "shop");

        Assert.Equal(expected, grant.RevealsSecret("shop", "prod", "db", serviceToken: false));
        Assert.Equal(expected, grant.Allows(Permission.RevealSecret, "shop", "prod"));
        Assert.False(grant.RevealsSecret("other", "prod", "db", serviceToken: false));
    }

    [Fact]
    public void ServiceToken_RevealsOnlyListedSecrets()
    {
        var plain = new Grant(Role.Operator, "shop", "prod");
        var listed = new Grant(Role.Viewer, "shop", "prod", ["db-*"]);

        Assert.False(plain.RevealsSecret("shop", "prod", "db-password", serviceToken: true));
        Assert.True(listed.RevealsSecret("shop", "prod", "db-password", serviceToken: true));
        Assert.False(listed.RevealsSecret("shop", "prod", "api-key", serviceToken: true));
        Assert.False(listed.RevealsSecret("shop", "dev", "db-password", serviceToken: true));
        Assert.False(listed.Allows(Permission.RevealSecret, "shop", "prod"));
    }

    [Fact]
    public void AdministerSecrets_BelongsToAdmins()
    {
        Assert.True(new Grant(Role.Admin, "shop").Allows(Permission.AdministerSecrets, "shop", "prod"));
        Assert.False(new Grant(Role.Operator, "shop").Allows(Permission.AdministerSecrets, "shop", "prod"));
        Assert.False(new Grant(Role.Auditor).Allows(Permission.AdministerSecrets, "shop", "prod"));
        Assert.False(new Grant(Role.Admin, "shop").Allows(Permission.AdministerSecrets, null, null));
    }

    [Fact]
    public void Grants_CompareTheirSecretLists()
    {
        Assert.Equal(new Grant(Role.Viewer, "a", "b", ["x", "y*"]), new Grant(Role.Viewer, "a", "b", ["x", "y*"]));
        Assert.NotEqual(new Grant(Role.Viewer, "a", "b", ["x"]), new Grant(Role.Viewer, "a", "b"));
        Assert.NotEqual(new Grant(Role.Viewer, "a", "b", ["x"]), new Grant(Role.Viewer, "a", "b", ["y"]));
    }

    [Fact]
    public void AdminAndAuditorGrants_CannotListSecrets()
    {
        Assert.Contains("cannot list secrets", ApiKeyRules.ValidateGrant(new Grant(Role.Admin, Secrets: ["x"])),
            StringComparison.Ordinal);
        Assert.Contains("cannot list secrets", ApiKeyRules.ValidateGrant(new Grant(Role.Auditor, Secrets: ["x"])),
            StringComparison.Ordinal);
        Assert.Null(ApiKeyRules.ValidateGrant(new Grant(Role.Operator, "shop", Secrets: ["x"])));
    }
}
