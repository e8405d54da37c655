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
    public void InvalidGrantValue_IsRejected(string value)
    {
        Assert.False(JwtGrants.TryParse(value, out _));
    }
}
