namespace OrleansConfig.Secrets;

/// <summary>
/// The limits of rotation policies, checked by the api before it calls a grain and by the secret grain.
/// </summary>
public static class SecretRotationRules
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MaxInterval = TimeSpan.FromDays(3660);

    public const int MinPasswordLength = 8;

    public const int MaxPasswordLength = 1024;

    public const int MinBytes = 16;

    public const int MaxBytes = 4096;

    /// <summary>The symbols a password may contain: no quote, backslash, backtick or space.</summary>
    public const string Symbols = "!#$%&()*+,-./:;<=>?@[]^_{|}~";

    /// <summary>Returns null when <paramref name="policy"/> is valid, else a message naming the problem.</summary>
    public static string? Validate(SecretRotationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);

        if (policy.Interval < MinInterval || policy.Interval > MaxInterval)
        {
            return $"The interval {policy.Interval} is out of range; use {MinInterval} to "
                + $"{MaxInterval.TotalDays} days, for example \"P30D\".";
        }

        if (policy.Overlap < TimeSpan.Zero || policy.Overlap >= policy.Interval)
        {
            return $"The overlap {policy.Overlap} must be at least 0 and shorter than the interval {policy.Interval}.";
        }

        return ValidateGenerator(policy.Generator);
    }

    private static string? ValidateGenerator(SecretGenerator? generator) => generator?.Kind switch
    {
        null => "The policy has no generator; send for example "
            + "{\"kind\": \"password\", \"length\": 32}.",
        SecretGeneratorKind.Password when generator.Length is < MinPasswordLength or > MaxPasswordLength =>
            $"A password of {generator.Length} characters is out of range; use {MinPasswordLength} to "
            + $"{MaxPasswordLength}.",
        SecretGeneratorKind.Password when !(generator.Lowercase || generator.Uppercase || generator.Digits
            || generator.Symbols) => "The password generator has no character class; turn on at least one of "
            + "lowercase, uppercase, digits and symbols.",
        SecretGeneratorKind.Bytes when generator.Length is < MinBytes or > MaxBytes =>
            $"{generator.Length} random bytes is out of range; use {MinBytes} to {MaxBytes}.",
        SecretGeneratorKind.Webhook => ValidateWebhook(generator.WebhookUrl),
        SecretGeneratorKind.Password or SecretGeneratorKind.Bytes => null,
        _ => $"The generator kind {(int)generator.Kind} does not exist; use password, bytes or webhook.",
    };

    private static string? ValidateWebhook(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return $"The webhook URL '{url}' is not an absolute http or https URL.";
        }

        return string.IsNullOrEmpty(uri.UserInfo)
            ? null
            : "The webhook URL contains a user name or password; the policy is stored in the clear, so it must not "
                + "carry credentials.";
    }
}
