using System.Globalization;
using System.Text;

namespace OrleansConfig.LoadTests.Platform.Data;

/// <summary>
/// Evaluation contexts for OFREP requests: a random user out of a million, with the attributes the
/// seeded targeting rules read (email, country, age, plan).
/// </summary>
public static class RandomContexts
{
    private static readonly string[] Countries = ["de", "fr", "nl", "us", "jp", "br"];
    private static readonly string[] Domains = ["example.com", "example.org", "mail.test"];
    private static readonly string[] Plans = ["free", "team", "enterprise"];

    /// <summary>Returns the body of an OFREP evaluation request, <c>{"context": {…}}</c>.</summary>
    public static byte[] RequestBody(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);

        var user = random.Next(1_000_000);
        var json = string.Create(CultureInfo.InvariantCulture,
            $"{{\"context\":{{\"targetingKey\":\"user-{user}\",\"email\":\"user{user}@"
            + $"{Domains[random.Next(Domains.Length)]}\",\"country\":\"{Countries[random.Next(Countries.Length)]}\","
            + $"\"age\":{18 + random.Next(60)},\"plan\":\"{Plans[random.Next(Plans.Length)]}\"}}}}");

        return Encoding.UTF8.GetBytes(json);
    }
}
