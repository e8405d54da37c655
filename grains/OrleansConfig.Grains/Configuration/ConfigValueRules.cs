using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansConfig.Flags;

namespace OrleansConfig.Configuration;

/// <summary>Checks that a value is one well-formed JSON value within the size limit.</summary>
public static class ConfigValueRules
{
    private static readonly JsonDocumentOptions StrictJson = new() { MaxDepth = 128 };

    /// <summary>Returns null when valid, else the status and a message naming the problem.</summary>
    public static (ConfigStatus Status, string Detail)? Validate(string value, int maxBytes)
    {
        var size = Encoding.UTF8.GetByteCount(value);
        if (size > maxBytes)
        {
            return (ConfigStatus.ValueTooLarge,
                string.Create(CultureInfo.InvariantCulture,
                    $"The value is {size:N0} bytes of UTF-8; the limit is {maxBytes:N0} bytes."));
        }

        var (document, problem) = JsonInput.Parse(value, StrictJson);
        if (document is null)
        {
            return (ConfigStatus.InvalidValue,
                $"The value {problem} Send one JSON value, such as \"text\", 42 or {{}}.");
        }

        document.Dispose();

        return null;
    }
}
