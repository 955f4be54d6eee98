using InterviewTextLine.Core.Conversations;

namespace InterviewTextLine.Core.Flow;

/// <summary>
/// The checks of a script's keywords (<see cref="ScriptWords.Keywords"/>, its plea and TALK words), alone and beside
/// the other languages' (<see cref="KeywordTable"/>): keywords are global, so a word means one command in every language.
/// </summary>
public static partial class FlowValidator
{
    /// <summary>The script's keywords are well formed, mean one thing each, and include every command word the script shows.</summary>
    private static void CheckKeywords(FlowScript script, KeywordTable keywords, List<string> problems)
    {
        var words = script.Words;
        var names = string.Join(", ", KeywordTable.CommandNames);
        foreach (var (command, list) in words.Keywords)
        {
            if (KeywordTable.Command(command) is null)
            {
                problems.Add($"The keywords name '{command}', which is not a command ({names}).");
            }

            foreach (var word in list.Where(word => TextMatcher.SingleWord(word) != word))
            {
                problems.Add($"The keyword '{word}' ({command}) must be one upper-case word without accents.");
            }
        }

        problems.AddRange(keywords.Conflicts);
        foreach (var word in words.Forgiving.Where(word => !KeywordTable.Forgivable.Contains(keywords.Classify(word, optedOut: false))))
        {
            problems.Add($"The forgiving word '{word}' must be one of the script's own HELP, MENU, WORDS, WHY or DONE keywords: a guessed typo must never cost data.");
        }

        var folded = words.Greetings.Concat(words.Plea.Help).Concat(words.Plea.With).Concat(words.Talk.Phrases).Concat(words.Talk.Courtesy).Concat(words.Talk.Yes).Concat(words.Talk.No);
        foreach (var phrase in folded.Where(phrase => TextMatcher.Normalize(phrase) != phrase))
        {
            problems.Add($"The greeting, plea or TALK words' '{phrase}' must be written as texts are read: lower case, no accents or marks.");
        }

        // A greeting is answered without the model, so a word that asks for something must not be one ("hola alguien" is a
        // greeting; "ayuda alguien" is a plea, as it holds a help word).
        foreach (var word in words.Greetings.Where(word => keywords.Classify(TextMatcher.SingleWord(word), optedOut: false) != Keyword.None || words.Plea.Help.Contains(word)))
        {
            problems.Add($"The greeting '{word}' is also a keyword or a word for help: a greeting must mean nothing else.");
        }

        // A texter who sends the word they were shown must be understood, in this language alone too.
        foreach (var command in KeywordTable.CommandNames.Union(script.Commands.Keys, StringComparer.Ordinal))
        {
            var word = script.CommandWord(command);
            if (KeywordTable.Command(command) is not { } expected || keywords.Classify(TextMatcher.SingleWord(word), optedOut: false) != expected)
            {
                problems.Add($"The command word '{word}' is not understood as {command}: list it in the keywords under {command}.");
            }
        }
    }

    /// <summary>The replies of <paramref name="state"/> that are global keywords, which take them before the state can.</summary>
    private static IEnumerable<string> KeywordOptions(FlowState state, KeywordTable keywords) =>
        state.Options.SelectMany(option => option.Phrases)
            .Where(phrase => keywords.IsGlobal(TextMatcher.Normalize(phrase)))
            .Select(phrase => $"State '{state.Id}' option '{phrase}' is a global keyword and would never be reached.");

    /// <summary>The switch words of <paramref name="script"/> that are not one plain word, or are a keyword already.</summary>
    private static IEnumerable<string> KeywordSwitches(FlowScript script, KeywordTable keywords) =>
        script.Words.Switch
            .Where(word => TextMatcher.SingleWord(word) != word || keywords.Classify(word, optedOut: false) != Keyword.None)
            .Select(word => $"The switch word '{word}' must be one upper-case word without accents that is not already a keyword.");

    /// <summary>
    /// The keywords of a line's scripts together: no word two languages give different meanings, and no reply or
    /// switch word of one language that another's keyword would take first.
    /// </summary>
    private static IEnumerable<string> KeywordsBetween(IReadOnlyList<FlowScript> scripts)
    {
        var keywords = KeywordTable.Of(scripts);
        return keywords.Conflicts.Concat(scripts.SelectMany(script =>
            script.States.SelectMany(state => KeywordOptions(state, keywords)).Concat(KeywordSwitches(script, keywords))
                .Select(problem => $"{script.Language}: {problem}")));
    }
}
