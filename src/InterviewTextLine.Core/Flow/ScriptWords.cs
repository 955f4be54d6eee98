using System.Globalization;
using System.Text.RegularExpressions;

namespace InterviewTextLine.Core.Flow;

/// <summary>
/// The words of a script's language that the line's code uses rather than sends as they are: how to switch to the
/// language, the word danger advice starts with, what HELP must say, how times and delays are said, the follow-up's
/// subject, and the small words the rules read (negations, number words, word endings). A language added as data
/// brings them with its script; the lint checks them (<see cref="FlowValidator"/>).
/// </summary>
public sealed record ScriptWords
{
    /// <summary>Single words that switch the line to this language at any time (ENGLISH, INGLES; ESPANOL), accents ignored.</summary>
    public IReadOnlyList<string> Switch { get; init; } = [];

    /// <summary>The word that tells a texter to leave ("leave", "sal"): danger advice says it on its first screen.</summary>
    public required string Leave { get; init; }

    /// <summary>What HELP must carry for the carriers in this language beyond the placeholders: each element as the lint names it, and a pattern that finds it.</summary>
    public required IReadOnlyList<HelpElement> Help { get; init; }

    /// <summary>The follow-up email's subject, with <c>{ProgramName}</c>; it names no situation, as lock screens show it.</summary>
    public required string FollowUpSubject { get; init; }

    /// <summary>How delays and the office's next opening are said.</summary>
    public required TimeWords Time { get; init; }

    /// <summary>Words that cancel a sure phrase just after them ("not locked", "nunca").</summary>
    public IReadOnlyList<string> Negations { get; init; } = [];

    /// <summary>Number words a menu choice may be written as ("one", "seis"), with their numbers.</summary>
    public IReadOnlyDictionary<string, int> Numbers { get; init; } = new Dictionary<string, int>();

    /// <summary>Words that may stand before a menu number ("option 2", "opcion 2").</summary>
    public IReadOnlyList<string> NumberPrefixes { get; init; } = [];

    /// <summary>Endings that make a known word into another real one ("ed", "ing"), so a word with one is never mended as a typo.</summary>
    public IReadOnlyList<string> Endings { get; init; } = [];

    /// <summary>
    /// This language's global keywords: single upper-case words without accents, keyed by the command as
    /// <see cref="FlowScript.Commands"/> names it (<c>"HELP": ["AYUDA"]</c>, <c>"STOP": ["PARAR"]</c>). They work in
    /// every language the line speaks (<see cref="Conversations.KeywordTable"/>), so a texter who writes their own
    /// language's word in another conversation is still understood; the carriers' words need no listing
    /// (<see cref="Conversations.CarrierKeywords"/>).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Keywords { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Keywords safe to guess from a typo ("HELPP" for HELP): some of this language's HELP, MENU, WORDS, WHY or DONE words.</summary>
    public IReadOnlyList<string> Forgiving { get; init; } = [];

    /// <summary>
    /// The words a text that only greets is made of, folded ("hi", "hello there", "good morning", "buenas tardes"). Such
    /// a text is about nothing yet, so the line answers it without the model; a letter a texter repeats ("hiii",
    /// "holaaa") still matches (<see cref="Conversations.KeywordTable.IsGreeting"/>).
    /// </summary>
    public IReadOnlyList<string> Greetings { get; init; } = [];

    /// <summary>How a plea for help is said, folded ("help me", "ayudame por favor").</summary>
    public PleaWords Plea { get; init; } = new();

    /// <summary>How a texter asks for a person and answers the consent question, folded.</summary>
    public TalkWords Talk { get; init; } = new();

    /// <summary>"3 hours", "3 horas": <paramref name="delay"/> in this language.</summary>
    public string Delay(TimeSpan delay) => delay switch
    {
        { TotalMinutes: < 90 } => Count((int)Math.Round(delay.TotalMinutes), Time.Minute),
        { TotalHours: < 48 } => Count((int)Math.Round(delay.TotalHours), Time.Hour),
        _ => Count((int)Math.Round(delay.TotalDays), Time.Day),
    };

    /// <summary>The number a text of one or two words gives for a menu choice ("2", "#2", "two", "option 2"), or null.</summary>
    public int? Number(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var candidate = words switch
        {
            [var only] => only,
            [var prefix, var second] when NumberPrefixes.Contains(prefix) => second,
            _ => null,
        };
        return candidate switch
        {
            null => null,
            _ when Numbers.TryGetValue(candidate, out var named) => named,
            _ when candidate.Length <= 2 && int.TryParse(candidate, NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
            _ => null,
        };
    }

    private static string Count(int count, IReadOnlyList<string> unit) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? unit[0] : unit[^1]);
}

/// <summary>An element HELP must carry, as the lint names it, and the pattern (case-insensitive) that finds it.</summary>
public sealed record HelpElement(string Element, string Pattern)
{
    public Regex Regex { get; } = new(Pattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
}

/// <summary>How a language says delays ("2 hours") and when the office opens next ("Monday from 9am", "el lunes desde las 9").</summary>
public sealed record TimeWords
{
    /// <summary>A minute, and minutes: <c>["minute", "minutes"]</c>.</summary>
    public required IReadOnlyList<string> Minute { get; init; }

    public required IReadOnlyList<string> Hour { get; init; }

    public required IReadOnlyList<string> Day { get; init; }

    public required string Today { get; init; }

    public required string Tomorrow { get; init; }

    /// <summary>The days of the week as said before a time, Sunday first ("Monday", "el lunes").</summary>
    public required IReadOnlyList<string> Weekdays { get; init; }

    /// <summary>The next opening, with <c>{Day}</c> and <c>{Time}</c>: "{Day} from {Time}".</summary>
    public required string Opening { get; init; }

    /// <summary>A time of day, with <c>{Hour}</c> and <c>{Minutes}</c> (":30", or nothing on the hour) and, on a 12-hour clock, <c>{Half}</c>.</summary>
    public required string Clock { get; init; }

    /// <summary>The clock for one o'clock where the language says it apart ("la 1"); null: <see cref="Clock"/>.</summary>
    public string? ClockAtOne { get; init; }

    /// <summary>On a 12-hour clock, the words for morning and afternoon ("am", "pm"); empty for a 24-hour clock.</summary>
    public IReadOnlyList<string> Halves { get; init; } = [];

    /// <summary>"9am", "las 13:30": <paramref name="time"/> on this language's clock.</summary>
    public string Say(TimeSpan time)
    {
        var twelve = Halves.Count == 2;
        var hour = twelve ? (time.Hours % 12 == 0 ? 12 : time.Hours % 12) : time.Hours;
        var minutes = time.Minutes == 0 ? "" : ":" + time.Minutes.ToString("D2", CultureInfo.InvariantCulture);
        return (hour == 1 && ClockAtOne is not null ? ClockAtOne : Clock)
            .Replace("{Hour}", hour.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{Minutes}", minutes, StringComparison.Ordinal)
            .Replace("{Half}", twelve ? Halves[time.Hours < 12 ? 0 : 1] : "", StringComparison.Ordinal);
    }

    /// <summary>"Monday from 9am": the opening on <paramref name="day"/> at <paramref name="time"/>, or today/tomorrow by <paramref name="daysAway"/>.</summary>
    public string SayOpening(int daysAway, DayOfWeek day, TimeSpan time)
    {
        var named = daysAway switch
        {
            0 => Today,
            1 => Tomorrow,
            _ => Weekdays[(int)day],
        };
        return Opening.Replace("{Day}", named, StringComparison.Ordinal).Replace("{Time}", Say(time), StringComparison.Ordinal);
    }
}
