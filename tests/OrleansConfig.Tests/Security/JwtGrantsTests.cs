using OrleansConfig.Api.Security;
using OrleansConfig.Identity;

namespace OrleansConfig.Tests.Security;

public sealed class JwtGrantsTests
{
    [Theory]
    [InlineData("admin", Role.Admin, null, null)]
    [InlineData("operator:payments", Role.Operator, "payments", null)]
    [InlineData("viewer:payments/prod", Role.Viewer, "payments", "prod")]
    public void GrantValue_ParsesRoleAndScope(string value, Role role, string? ns, string? env)
    {
        Assert.True(JwtGrants.TryParse(value, out var grant));
        Assert.Equal(new Grant(role, ns, env), grant);
    }

    [Theory]
    [InlineData("")]
    [InlineData("root")]
    [InlineData("Admin")]
    [InlineData("viewer:")]
    [InlineData("viewer:payments/")]
    [InlineData("viewer:payments/prod/extra")]
    [InlineData("viewer:Payments")]
    [InlineData("operator:pay%2Fments")]
    [InlineData("admin:payments;secrets=db-password")]
    [InlineData("auditor;secrets=*")]
    [InlineData("viewer:payments;secrets=")]
    [InlineData("viewer:payments;secrets=bad name")]
    [InlineData("viewer:payments;reveal=db-password")]
    public void InvalidGrantValue_IsRejected(string value)
    {
        Assert.False(JwtGrants.TryParse(value, out _));
    }

    [Fact]
    public void SecretsList_IsParsed()
    {
        Assert.True(JwtGrants.TryParse("operator:payments/prod;secrets=db-password,stripe-*", out var grant));

        Assert.Equal(Role.Operator, grant!.Role);
        Assert.Equal("payments", grant.Namespace);
        Assert.Equal("prod", grant.Environment);
        Assert.Equal(["db-password", "stripe-*"], grant.Secrets);
        Assert.True(grant.RevealsSecret("payments", "prod", "stripe-key", serviceToken: false));
        Assert.False(grant.RevealsSecret("payments", "prod", "smtp-password", serviceToken: false));
    }
}
