namespace InterviewTextLine.Cli.Serve;

/// <summary>How <see cref="ServeHost"/> listens and where it reads its settings.</summary>
public sealed class ServeHostOptions
{
    /// <summary>The Functions host's local address, so Twilio and curl examples work with either host.</summary>
    public const string DefaultUrls = "http://127.0.0.1:7071";

    /// <summary>Semicolon-separated listen URLs. Port 0 picks a free port.</summary>
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>Sets <c>Storage:ConnectionString</c> (over every other source), e.g. <c>UseDevelopmentStorage=true</c>.</summary>
    public string? StorageConnectionString { get; set; }

    /// <summary>
    /// The <c>local.settings.json</c> to read. Null: look in the current directory, then at the repository root.
    /// </summary>
    public string? LocalSettingsFile { get; set; }

    /// <summary>Read <c>local.settings.json</c> and environment variables. Tests turn this off to be hermetic.</summary>
    public bool ReadMachineSettings { get; set; } = true;

    /// <summary>Print a summary of the line's metrics to the console every half minute (<c>--metrics</c>).</summary>
    public bool PrintMetrics { get; set; }

    /// <summary>Settings over every other source, keyed with <c>:</c>.</summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
}
