using System.Globalization;

namespace InterviewTextLine.Core.Handoffs;

/// <summary>
/// When the office answers call-back requests (<c>Handoff:Hours</c> in <c>Handoff:TimeZone</c>), and how a text says
/// when to expect contact in a script's words: "today" inside the hours, otherwise the next opening ("Monday from 9am").
/// </summary>
/// <remarks>
/// The hours are wall-clock times in the office's zone, so an opening stays "9am" across a change of daylight
/// saving time. The format is days then times, entries separated by ';': <c>Mon-Fri 09:00-17:00; Sat 10-13</c>.
/// </remarks>
public sealed class OfficeHours
{
    /// <summary>The longest phrase <see cref="Describe"/> may return in any language ("el miércoles desde las 12:30"): the budget of {When}, which the lint holds each language's time words to.</summary>
    public const int MaxPhraseLength = 28;

    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private readonly IReadOnlyList<Window> _windows;

    private OfficeHours(IReadOnlyList<Window> windows, TimeZoneInfo zone) => (_windows, Zone) = (windows, zone);

    /// <summary>The office's time zone.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>One opening: a day of the week and the hours on it.</summary>
    private sealed record Window(DayOfWeek Day, TimeSpan Opens, TimeSpan Closes);

    public static OfficeHours Parse(string hours, TimeZoneInfo zone) =>
        TryParse(hours, zone, out var parsed, out var problem) ? parsed : throw new FormatException(problem);

    /// <summary>Reads <paramref name="hours"/>; on failure <paramref name="problem"/> says what is wrong with it.</summary>
    public static bool TryParse(string? hours, TimeZoneInfo zone, out OfficeHours parsed, out string problem)
    {
        ArgumentNullException.ThrowIfNull(zone);
        parsed = new OfficeHours([], zone);
        var windows = new List<Window>();
        foreach (var entry in (hours ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || Days(parts[0]) is not { } days || Times(parts[1]) is not { } times)
            {
                problem = $"'{entry}' is not days and hours such as 'Mon-Fri 09:00-17:00' (days Mon-Sun, a range or a comma list; hours HH:mm-HH:mm, closing after opening).";
                return false;
            }

            windows.AddRange(days.Select(day => new Window(day, times.Opens, times.Closes)));
        }

        if (windows.Count == 0)
        {
            problem = "No office hours are given; write them as 'Mon-Fri 09:00-17:00'.";
            return false;
        }

        parsed = new OfficeHours(windows, zone);
        problem = "";
        return true;
    }

    /// <summary>True when <paramref name="now"/> falls inside the hours.</summary>
    public bool IsOpen(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Zone);
        return _windows.Any(window => window.Day == local.DayOfWeek && local.TimeOfDay >= window.Opens && local.TimeOfDay < window.Closes);
    }

    /// <summary>The next opening after <paramref name="now"/>, as a local date and time in the office's zone.</summary>
    public DateTime NextOpening(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Zone).DateTime;
        return Enumerable.Range(0, 8)
            .SelectMany(offset => _windows
                .Where(window => window.Day == local.Date.AddDays(offset).DayOfWeek)
                .Select(window => local.Date.AddDays(offset) + window.Opens))
            .Where(opening => opening > local)
            .Min();
    }

    /// <summary>When a texter can expect contact, in the language of <paramref name="words"/>: "today", or the next opening.</summary>
    public string Describe(DateTimeOffset now, Flow.TimeWords words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (IsOpen(now))
        {
            return words.Today;
        }

        var opening = NextOpening(now);
        var days = (opening.Date - TimeZoneInfo.ConvertTime(now, Zone).Date).Days;
        return words.SayOpening(days, opening.DayOfWeek, opening.TimeOfDay);
    }

    /// <summary>The hours as written in the settings, e.g. for the handoff email: "Mon,Tue 09:00-17:00".</summary>
    public override string ToString() => string.Join("; ", _windows.GroupBy(window => (window.Opens, window.Closes)).Select(group =>
        string.Join(",", group.Select(window => window.Day.ToString()[..3])) + " " + group.Key.Opens.ToString(@"hh\:mm", CultureInfo.InvariantCulture)
        + "-" + group.Key.Closes.ToString(@"hh\:mm", CultureInfo.InvariantCulture)));

    private static List<DayOfWeek>? Days(string text)
    {
        var days = new List<DayOfWeek>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-', StringSplitOptions.TrimEntries);
            if (range.Length is < 1 or > 2 || range.Select(Day).Any(day => day < 0))
            {
                return null;
            }

            var (first, last) = (Day(range[0]), Day(range[^1]));
            for (var day = first; ; day = (day + 1) % 7)
            {
                days.Add((DayOfWeek)day);
                if (day == last)
                {
                    break;
                }
            }
        }

        return days.Count > 0 ? days : null;
    }

    private static int Day(string name) =>
        name.Length >= 3 ? Array.IndexOf(DayNames, name[..3].ToLowerInvariant()) : -1;

    private static (TimeSpan Opens, TimeSpan Closes)? Times(string text)
    {
        var range = text.Replace(" ", "", StringComparison.Ordinal).Split('-');
        return range.Length == 2 && Clock(range[0]) is { } opens && Clock(range[1]) is { } closes && closes > opens
            ? (opens, closes)
            : null;
    }

    private static TimeSpan? Clock(string text)
    {
        var parts = text.Split(':');
        if (parts.Length > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || (parts.Length == 2 && (parts[1].Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))))
        {
            return null;
        }

        var minutes = parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
        return hours is >= 0 and <= 24 && minutes is >= 0 and < 60 && (hours < 24 || minutes == 0) ? new TimeSpan(hours, minutes, 0) : null;
    }
}
