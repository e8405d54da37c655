using System.ComponentModel.DataAnnotations;

namespace OrleansConfig.Secrets;

/// <summary>Limits and timings of secrets, bound from the section <c>OrleansConfig:Secrets</c>.</summary>
public sealed class SecretOptions
{
    public const string SectionName = "OrleansConfig:Secrets";

    /// <summary>Maximum size of one secret value in UTF-8 bytes. The default value is 65,536 (64 KiB).</summary>
    [Range(1, 1024 * 1024)]
    public int MaxValueBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// How often the reminder of a secret with a rotation policy checks whether a rotation is due. Orleans
    /// rejects reminder periods under one minute (its default <c>ReminderOptions.MinimumReminderPeriod</c>),
    /// so rotations and retries run up to this late. The default value is 1 minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan RotationCheckPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The wait before the first retry of a failed rotation; it doubles with each further failure. The
    /// default value is 1 minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RotationRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait between retries of a failing rotation. The default value is 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RotationMaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a rotation webhook may take to respond. The default value is 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:02:00")]
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many rotation attempts each secret keeps in its history. The default value is 100.</summary>
    [Range(1, 10_000)]
    public int RotationHistoryLimit { get; set; } = 100;

    /// <summary>
    /// How often each silo reports to the keyring grain which key-encryption keys it has, and re-reads its
    /// keyring file. The default value is 30 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan KeyringReportInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many secrets a key-encryption key rotation re-wraps at once. The default value is 16.</summary>
    [Range(1, 256)]
    public int RewrapParallelism { get; set; } = 16;
}
