using InterviewTextLine.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Hosting;

/// <summary>
/// In Azure (where App Service sets <c>WEBSITE_SITE_NAME</c>), refuses a <c>Privacy:PhoneHashKey</c> that anyone
/// could know or guess: the development key built into the local defaults, the sample's placeholder, or a key with
/// little entropy. The key is what keeps a leaked table from being matched to phone numbers, and there are only
/// about ten billion numbers to try.
/// </summary>
/// <remarks>Locally any key of the minimum length is accepted, so the embedded defaults keep working.</remarks>
public sealed class PhoneHashKeyValidator(IConfiguration configuration) : IValidateOptions<PrivacyOptions>
{
    public const string SettingName = "Privacy:PhoneHashKey (app setting Privacy__PhoneHashKey)";

    /// <summary>The least entropy a key must show, estimated from its characters' frequencies.</summary>
    public const double MinimumBits = 100;

    /// <summary>The fewest different characters a key must use.</summary>
    public const int MinimumDistinctCharacters = 10;

    private const string Advice = "generate one with `openssl rand -base64 48` and keep it in Key Vault";

    /// <summary>The placeholder of local.settings.sample.json.</summary>
    public const string SamplePlaceholder = "<replace-with-at-least-32-random-characters>";

    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = options.PhoneHashKey;
        if (string.IsNullOrEmpty(configuration["WEBSITE_SITE_NAME"]) || string.IsNullOrEmpty(key)
            || key.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
        {
            // Missing and unresolved keys have their own messages (SettingsValidator).
            return ValidateOptionsResult.Success;
        }

        return Problem(key) is { } problem
            ? ValidateOptionsResult.Fail($"{SettingName}: {problem} It cannot be used in Azure: {Advice}.")
            : ValidateOptionsResult.Success;
    }

    /// <summary>Why <paramref name="key"/> is unfit for production, or null when it is fit.</summary>
    public static string? Problem(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key == LocalDefaults.DevelopmentOnlyPhoneHashKey)
        {
            return "this is the development key built into the app, which anyone can read in its source.";
        }

        if (key == SamplePlaceholder || (key.StartsWith('<') && key.EndsWith('>')))
        {
            return "this is the placeholder of local.settings.sample.json, not a key.";
        }

        var distinct = key.Distinct().Count();
        if (distinct < MinimumDistinctCharacters)
        {
            return $"it uses only {distinct} different characters.";
        }

        if (RepeatLength(key) is { } period)
        {
            return $"it repeats the same {period} characters.";
        }

        if (SequentialSteps(key) * 2 > key.Length)
        {
            return "it is mostly a run of consecutive characters (like abcdef or 123456).";
        }

        var bits = EstimatedBits(key);
        return bits < MinimumBits ? $"it has about {bits:F0} bits of entropy, fewer than {MinimumBits:F0}." : null;
    }

    /// <summary>Length times the Shannon entropy of the key's character frequencies: a generous upper estimate.</summary>
    public static double EstimatedBits(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var perCharacter = key.GroupBy(c => c)
            .Select(group => (double)group.Count() / key.Length)
            .Sum(p => -p * Math.Log2(p));
        return perCharacter * key.Length;
    }

    /// <summary>The shortest period the key repeats with (at most half its length), or null.</summary>
    private static int? RepeatLength(string key)
    {
        for (var period = 1; period <= key.Length / 2; period++)
        {
            var repeats = true;
            for (var i = period; i < key.Length && repeats; i++)
            {
                repeats = key[i] == key[i - period];
            }

            if (repeats)
            {
                return period;
            }
        }

        return null;
    }

    private static int SequentialSteps(string key)
    {
        var steps = 0;
        for (var i = 1; i < key.Length; i++)
        {
            if (Math.Abs(key[i] - key[i - 1]) == 1)
            {
                steps++;
            }
        }

        return steps;
    }
}
