using System.Buffers.Text;
using InterviewTextLine.Core.Configuration;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Hosting;

/// <summary>
/// Refuses a <c>Privacy:PhoneHashKey</c> that is not at least <see cref="MinimumBytes"/> random bytes written in
/// base64, wherever the app runs; and in Azure (<see cref="AppServiceOptions.InAzure"/>) also the keys
/// anyone can read: the development key built into the app and the sample key of local.settings.sample.json. The
/// key is what keeps a leaked table from being matched to phone numbers, and there are only about ten billion
/// numbers to try, so a password-like key is no key.
/// </summary>
/// <remarks>
/// <para>
/// A base64 string does not prove randomness, so the text is also checked for what people type instead of random
/// bytes: few different characters, a stretch written twice, a run such as <c>abcdefg</c> or <c>1234567</c>, a word
/// such as <c>password</c>. Each check is set so that a key from <c>openssl rand -base64 32</c> fails it about once
/// in a million tries or less; such a key is simply made again.
/// </para>
/// <para>
/// The HMAC is keyed with the setting's text as it is (its UTF-8 bytes), as before: a base64 key of 32 random bytes
/// carries those 256 bits in its text, and changing how the key is read would orphan every stored conversation.
/// </para>
/// </remarks>
public sealed class PhoneHashKeyValidator(IOptions<AppServiceOptions> appService) : IValidateOptions<PrivacyOptions>
{
    public const string SettingName = "Privacy:PhoneHashKey (app setting Privacy__PhoneHashKey)";

    /// <summary>The fewest random bytes a key must hold.</summary>
    public const int MinimumBytes = 32;

    /// <summary>The command the messages and the docs give for making a key.</summary>
    public const string Advice = "make one with `openssl rand -base64 32`";

    /// <summary>
    /// The fewest different characters the first 43 characters of a key (the base64 of its first 32 bytes) must use.
    /// Random ones use about 32; fewer than 20 happens about once in fifty million keys.
    /// </summary>
    public const int MinimumDistinctCharacters = 20;

    /// <summary>The shortest stretch of characters that, written twice, makes a key a pattern.</summary>
    public const int RepeatedStretch = 6;

    /// <summary>The shortest run of consecutive characters (<c>abcdefg</c>, <c>7654321</c>) that makes a key a pattern.</summary>
    public const int ConsecutiveRun = 7;

    /// <summary>The sample key of local.settings.sample.json: it lets a copied sample run locally, and only there.</summary>
    public const string SampleKey = "ZlKoB39HGfbj1222x1St5M71VVobGLlSQmkwWmLdHaI=";

    /// <summary>
    /// Words that mark a key as typed by a person. Each has six letters or more: a shorter word turns up in random
    /// base64 too often (five letters, about once in a million keys).
    /// </summary>
    private static readonly string[] PasswordWords =
    [
        "password", "passwort", "secret", "changeme", "letmein", "qwerty", "azerty", "example", "sample",
        "replace", "default", "textline", "interview",
    ];

    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = options.PhoneHashKey;
        if (string.IsNullOrEmpty(key) || key.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
        {
            // Missing and unresolved keys have their own messages (SettingsValidator).
            return ValidateOptionsResult.Success;
        }

        var inAzure = appService.Value.InAzure;
        return Problem(key, inAzure) is { } problem
            ? ValidateOptionsResult.Fail($"{SettingName}: {problem} The key must be at least {MinimumBytes} random bytes in base64: {Advice}{(inAzure ? " and keep it in Key Vault (phone-hash-key)" : "")}.")
            : ValidateOptionsResult.Success;
    }

    /// <summary>
    /// Why <paramref name="key"/> cannot be used, or null when it can. <paramref name="inAzure"/> also refuses the
    /// keys that ship with the app. The answer never quotes the key.
    /// </summary>
    public static string? Problem(string key, bool inAzure)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (inAzure && key == LocalDefaults.DevelopmentOnlyPhoneHashKey)
        {
            return "this is the development key built into the app, which anyone can read in its source.";
        }

        if (inAzure && key == SampleKey)
        {
            return "this is the sample key of local.settings.sample.json, which anyone can read.";
        }

        if (key.StartsWith('<') && key.EndsWith('>'))
        {
            return "this is a placeholder, not a key.";
        }

        if (!Base64.IsValid(key, out var bytes) || key.Any(char.IsWhiteSpace))
        {
            return "it is not base64 (letters, digits, + and /, padded with = to a multiple of 4 characters).";
        }

        if (bytes < MinimumBytes)
        {
            return $"it holds {bytes} bytes, fewer than {MinimumBytes}.";
        }

        var text = key.TrimEnd('=');
        var head = text[..Math.Min(text.Length, 43)];
        var distinct = head.Distinct().Count();
        if (distinct < MinimumDistinctCharacters)
        {
            return $"it uses only {distinct} different characters where random bytes would use about 32.";
        }

        if (HasRepeatedStretch(text))
        {
            return $"it writes the same {RepeatedStretch} or more characters twice.";
        }

        if (LongestConsecutiveRun(text) >= ConsecutiveRun)
        {
            return "it holds a run of consecutive characters (like abcdefg or 1234567).";
        }

        return PasswordWords.FirstOrDefault(word => text.Contains(word, StringComparison.OrdinalIgnoreCase)) is not null
            ? "it holds a word people use in passwords."
            : null;
    }

    private static bool HasRepeatedStretch(string text)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + RepeatedStretch <= text.Length; i++)
        {
            if (!seen.Add(text.Substring(i, RepeatedStretch)))
            {
                return true;
            }
        }

        return false;
    }

    private static int LongestConsecutiveRun(string text)
    {
        int longest = Math.Min(text.Length, 1), run = 1, step = 0;
        for (var i = 1; i < text.Length; i++)
        {
            var difference = text[i] - text[i - 1];
            run = difference is 1 or -1 && (run == 1 || difference == step) ? run + 1 : difference is 1 or -1 ? 2 : 1;
            step = difference;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
