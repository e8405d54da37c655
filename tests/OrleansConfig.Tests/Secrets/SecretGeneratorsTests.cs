using System.Text;
using Microsoft.Extensions.Options;
using OrleansConfig.Secrets;
using OrleansConfig.Secrets.Envelope;

namespace OrleansConfig.Tests.Secrets;

/// <summary>
/// The generators of rotated values: passwords of the asked length with every chosen class, base64 random
/// bytes, and webhooks (an in-test HTTP server on 127.0.0.1) whose failures name no value.
/// </summary>
public sealed class SecretGeneratorsTests
{
    private static readonly SecretCoordinates Next = new("shop", "prod", "db", 2);

    [Fact]
    public async Task Password_HasEveryChosenClass()
    {
        var generators = NewGenerators();
        var generator = new SecretGenerator(SecretGeneratorKind.Password, 12, Symbols: true);

        for (var i = 0; i < 200; i++)
        {
            using var value = await generators.GenerateAsync(generator, Next, CancellationToken.None);
            var text = Encoding.ASCII.GetString(value.Span);

            Assert.Equal(12, text.Length);
            Assert.Contains(text, char.IsAsciiLetterLower);
            Assert.Contains(text, char.IsAsciiLetterUpper);
            Assert.Contains(text, char.IsAsciiDigit);
            Assert.Contains(text, c => SecretRotationRules.Symbols.Contains(c));
        }
    }

    [Fact]
    public async Task Password_UsesOnlyChosenClasses()
    {
        var generator = new SecretGenerator(SecretGeneratorKind.Password, 64, Uppercase: false, Digits: false);

        using var value = await NewGenerators().GenerateAsync(generator, Next, CancellationToken.None);

        Assert.All(Encoding.ASCII.GetString(value.Span), c => Assert.True(char.IsAsciiLetterLower(c), $"'{c}'"));
    }

    [Fact]
    public async Task Bytes_AreBase64OfTheLength()
    {
        using var value = await NewGenerators().GenerateAsync(new SecretGenerator(SecretGeneratorKind.Bytes, 48), Next,
            CancellationToken.None);

        Assert.Equal(48, Convert.FromBase64String(Encoding.ASCII.GetString(value.Span)).Length);
    }

    [Fact]
    public async Task Webhook_ReturnsItsValue()
    {
        await using var webhook = await FakeRotationWebhook.StartAsync();

        using var value = await NewGenerators().GenerateAsync(Webhook(webhook), Next, CancellationToken.None);

        Assert.Equal(webhook.Issued.Single(), Encoding.UTF8.GetString(value.Span));
        var request = webhook.Requests.Single();
        Assert.Equal(("shop", "prod", "db", 2), (request["namespace"]!.GetValue<string>(),
            request["environment"]!.GetValue<string>(), request["name"]!.GetValue<string>(),
            request["version"]!.GetValue<int>()));
    }

    [Fact]
    public async Task FailingWebhook_NamesStatusNotBody()
    {
        await using var webhook = await FakeRotationWebhook.StartAsync();
        webhook.Failing = true;

        var failure = await Assert.ThrowsAsync<SecretGeneratorException>(
            () => NewGenerators().GenerateAsync(Webhook(webhook), Next, CancellationToken.None));

        Assert.Contains("HTTP 500", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("issuer unavailable", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableWebhook_IsAGeneratorFailure()
    {
        var generator = new SecretGenerator(SecretGeneratorKind.Webhook,
            WebhookUrl: "http://127.0.0.1:9/rotate?token=x");

        var failure = await Assert.ThrowsAsync<SecretGeneratorException>(
            () => NewGenerators().GenerateAsync(generator, Next, CancellationToken.None));

        Assert.Contains("http://127.0.0.1:9/rotate", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("token=x", failure.Message, StringComparison.Ordinal);
    }

    private static SecretGenerators NewGenerators() =>
        new(new HttpClient(), Options.Create(new SecretOptions { WebhookTimeout = TimeSpan.FromSeconds(5) }));

    private static SecretGenerator Webhook(FakeRotationWebhook webhook) =>
        new(SecretGeneratorKind.Webhook, WebhookUrl: webhook.Address.ToString());
}
