using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace InterviewTextLine.Core.Configuration;

/// <summary>Privacy settings (section <c>Privacy</c>).</summary>
[SettingsSection(SectionName)]
public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    [Required, Secret, MinLength(32)]
    [Description("Key for the HMAC-SHA256 that turns phone numbers into storage keys: at least 32 random bytes in base64 (openssl rand -base64 32). A password-like key is refused, and in Azure so are the development and sample keys; changing it orphans stored conversations.")]
    public string PhoneHashKey { get; set; } = "";

    [Range(1, 3650)]
    [Description("Conversations idle for longer than this many days are deleted, and so are FORGET records this old.")]
    public int RetentionDays { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:05", "00:09:00")]
    [Description("Time a retention sweep may run before it saves where it got to and leaves the rest to the next run.")]
    public TimeSpan RetentionRunBudget { get; set; } = TimeSpan.FromMinutes(4);

    // The timer trigger's binding expression reads the app setting itself, so Azure must set it.
    [Required, RequiredInAzure]
    [Description("NCRONTAB schedule (with seconds) of the retention sweep.")]
    public string RetentionSchedule { get; set; } = "0 30 3 * * *";
}

/// <summary>The operator's program, named in replies and emails (section <c>Program</c>).</summary>
[SettingsSection(SectionName)]
public sealed class ProgramOptions
{
    public const string SectionName = "Program";

    /// <summary>
    /// Longest program name; the script's segment budgets are checked with a name this long. The welcome
    /// names the program and must fit one SMS, so the name is kept short.
    /// </summary>
    public const int MaxNameLength = 30;
    public const int MaxHelpContactLength = 40;
    public const int MaxUrlLength = 60;

    [Required, RequiredInAzure, MaxLength(MaxNameLength), GsmText]
    [Description("Name of the career-services program running the line (at most 30 characters, so the welcome fits one SMS).")]
    public string Name { get; set; } = "";

    [Required, RequiredInAzure, MaxLength(MaxHelpContactLength), GsmText]
    [Description("How to reach a person: a phone number or email address, shown in HELP and emails.")]
    public string HelpContact { get; set; } = "";

    [Required, RequiredInAzure, Url, MaxLength(MaxUrlLength), GsmText]
    [Description("Link to the program's page, shown in the closing text and emails.")]
    public string Url { get; set; } = "";

    [Required, RegularExpression("^[0-9]{2,6}$")]
    [Description("Emergency number named in the HELP safety line and the fallback apology.")]
    public string EmergencyNumber { get; set; } = "911";
}

/// <summary>Conversation settings (section <c>Conversation</c>).</summary>
[SettingsSection(SectionName)]
public sealed class ConversationOptions
{
    public const string SectionName = "Conversation";

    [Range(1, 168)]
    [Description("Hours without a text after which a conversation starts again at the welcome.")]
    public int ExpiryHours { get; set; } = 12;
}

/// <summary>
/// Where the conversation's script of each language comes from (section <c>Flow</c>): a file named by
/// <c>Flow:Scripts:{code}</c>, or the language's own (<see cref="Languages.LanguageProfile"/>). The scripts are read and
/// linted once, at startup, by <see cref="Flow.ConfiguredScripts"/>; <see cref="Flow.FlowScriptsValidator"/> stops
/// startup with the lint's messages, naming the setting, when one cannot be used or names no language the line speaks.
/// </summary>
[SettingsSection(SectionName)]
public sealed class FlowOptions
{
    public const string SectionName = "Flow";

    /// <summary>The key of <see cref="Scripts"/>: each setting is <c>Flow:Scripts:{code}</c> (app setting <c>Flow__Scripts__{code}</c>).</summary>
    public const string ScriptsKey = nameof(Scripts);

    /// <summary>The settings catalog lists this setting once per built-in language, with the language's name for {Language}.</summary>
    [Description("Path of a flow script file that replaces the {Language} script built into the app, to change wording without a rebuild; a translation must match the default language's states, options and placeholders. Empty: the built-in script.")]
    public Dictionary<string, string?> Scripts { get; set; } = [];

    /// <summary>The script of each registered language, the default first: the file a setting names, or null for the language's own.</summary>
    public IReadOnlyList<Flow.ScriptSource> Sources(Languages.LanguageRegistry languages)
    {
        ArgumentNullException.ThrowIfNull(languages);
        return [.. languages.All.Select(language => new Flow.ScriptSource(language, language.ScriptSetting, Path(language.Code)))];
    }

    /// <summary>The keys of <see cref="Scripts"/> that name no registered language.</summary>
    public IEnumerable<string> Unknown(Languages.LanguageRegistry languages)
    {
        ArgumentNullException.ThrowIfNull(languages);
        return Scripts.Keys.Where(code => !languages.All.Any(language => string.Equals(language.Code, code, StringComparison.OrdinalIgnoreCase)));
    }

    // Settings are case-insensitive (Flow__Scripts__ES), whatever dictionary the binder made.
    private string? Path(string code) =>
        Scripts.FirstOrDefault(pair => string.Equals(pair.Key, code, StringComparison.OrdinalIgnoreCase)).Value is { } path && !string.IsNullOrWhiteSpace(path) ? path : null;
}

/// <summary>Follow-up email settings (section <c>FollowUp</c>).</summary>
[SettingsSection(SectionName)]
public sealed class FollowUpOptions
{
    public const string SectionName = "FollowUp";

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    [Description("How long after the texter's last text the summary is sent.")]
    public TimeSpan Delay { get; set; } = TimeSpan.FromHours(2);

    // The timer trigger's binding expression reads the app setting itself, so Azure must set it.
    [Required, RequiredInAzure]
    [Description("NCRONTAB schedule (with seconds) of the follow-up sweep.")]
    public string Schedule { get; set; } = "0 */5 * * * *";

    [Range(1, 20)]
    [Description("Send attempts (5xx or time-outs) before a follow-up is recorded as failed.")]
    public int MaxAttempts { get; set; } = 5;

    [Range(1, 32)]
    [Description("Emails sent at once during a sweep.")]
    public int MaxConcurrency { get; set; } = 4;

    [Range(typeof(TimeSpan), "00:00:05", "00:09:00")]
    [Description("Time a sweep may run before it stops cleanly and leaves the rest to the next run.")]
    public TimeSpan RunBudget { get; set; } = TimeSpan.FromMinutes(4);
}

/// <summary>
/// Caps per texter (section <c>Limits</c>), so that one number cannot run up the line's SMS or email bill.
/// </summary>
[SettingsSection(SectionName)]
public sealed class LimitsOptions
{
    public const string SectionName = "Limits";

    [Range(1, 1000)]
    [Description("Replies one number gets in a window of Limits__ReplyWindow, kept across FORGET; past it the line stays silent except to danger and a few HELPs (FORGET still erases, without a reply).")]
    public int RepliesPerNumber { get; set; } = 15;

    [Range(1, 20)]
    [Description("HELP replies one number gets in a window of Limits__ReplyWindow, past the reply cap too; past it HELP gets no reply.")]
    public int HelpPerWindow { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    [Description("Length of the reply cap's window, which starts with the first reply after the last window ended.")]
    public TimeSpan ReplyWindow { get; set; } = TimeSpan.FromMinutes(10);

    [Range(1, 20)]
    [Description("Email addresses a texter may give in one conversation; past it EMAIL is refused. Every conversation gets one summary at most, and an address one summary a day.")]
    public int AddressesPerConversation { get; set; } = 3;
}

/// <summary>Follow-up email identity (section <c>Email</c>).</summary>
[SettingsSection(SectionName)]
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    [Required, RequiredInAzure, EmailAddress]
    [Description("Verified SendGrid sender address of the follow-up emails.")]
    public string FromAddress { get; set; } = "";

    [Description("Display name of the sender; defaults to the program name.")]
    public string? FromName { get; set; }
}
