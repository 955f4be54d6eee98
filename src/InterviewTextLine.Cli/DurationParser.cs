using System.Globalization;
using System.Text.RegularExpressions;

namespace InterviewTextLine.Cli;

/// <summary>Parses short durations such as <c>3h</c>, <c>90m</c>, <c>2h30m</c>, <c>1d</c> or <c>45s</c>.</summary>
internal static partial class DurationParser
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var normalized = text.Trim().ToLowerInvariant();
        var matches = Part().Matches(normalized);
        if (matches.Count == 0 || !string.Equals(string.Concat(matches.Select(m => m.Value)), normalized, StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
        }

        foreach (Match match in matches)
        {
            var amount = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            duration += match.Groups[2].Value switch
            {
                "d" => TimeSpan.FromDays(amount),
                "h" => TimeSpan.FromHours(amount),
                "m" => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromSeconds(amount),
            };
        }

        return duration > TimeSpan.Zero;
    }

    [GeneratedRegex("([0-9]{1,5})([dhms])")]
    private static partial Regex Part();
}
