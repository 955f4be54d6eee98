using System.Text.RegularExpressions;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;

namespace InterviewTextLine.Core.Understanding;

/// <summary>
/// The text rules of the understander: exact replies, reply and command phrases inside a sentence,
/// email addresses, and the words the spelling corrector knows.
/// </summary>
public sealed partial class Understander
{
    private static string? ExactOption(FlowState state, IReadOnlyList<string> words)
    {
        if (words.Count == 0 || state.Options.Count == 0)
        {
            return null;
        }

        var phrase = string.Join(' ', words);
        foreach (var option in state.Options)
        {
            if (option.Phrases.Any(candidate => TextMatcher.Normalize(candidate) == phrase))
            {
                return option.Reply;
            }
        }

        if (words.Count == 1)
        {
            foreach (var option in state.Options)
            {
                if (option.Phrases.Any(candidate => TextMatcher.IsCloseTo(words[0], TextMatcher.Normalize(candidate))))
                {
                    return option.Reply;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The longest reply synonym of two or more words, or command phrase, found inside the text: "i left
    /// the building" holds "i left"; "how do i ask him" holds "how do i ask".
    /// </summary>
    private Meaning? Phrase(FlowState state, IReadOnlyList<string> words)
    {
        Meaning? found = null;
        var longest = 0;
        foreach (var option in state.Options)
        {
            foreach (var synonym in option.Synonyms)
            {
                var phrase = SituationRules.Split(synonym);
                if (phrase.Length >= 2 && phrase.Length > longest && SituationRules.Contains(words, phrase))
                {
                    (found, longest) = (new Meaning(MeaningKind.Option, option.Reply), phrase.Length);
                }
            }
        }

        foreach (var (command, phrase) in _commandPhrases)
        {
            if (phrase.Length > longest && SituationRules.Contains(words, phrase))
            {
                (found, longest) = (new Meaning(MeaningKind.Command, command), phrase.Length);
            }
        }

        return found;
    }

    /// <summary>
    /// An email address anywhere in the text ("email me at x@y.org", "send it to x@y.org"), or the EMAIL
    /// command with something after it: one token is checked as an address ("EMAIL me.example.com" is told
    /// it needs an @); several words without an address ("email me pls") ask for the address.
    /// </summary>
    private static Meaning? EmailRequest(string body, IReadOnlyList<string> words)
    {
        if (Address().Match(body) is { Success: true } address)
        {
            return new Meaning(MeaningKind.Email, address.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')'));
        }

        // EMAIL, or the Spanish CORREO, with something after it.
        if (words is not [("email" or "correo") and var command, _, ..])
        {
            return null;
        }

        var trimmed = body.Trim();
        var rest = trimmed[Math.Min(trimmed.Length, command.Length)..].TrimStart(' ', ':', '-', '\t').Trim();
        return rest.Length == 0 || (rest.Contains(' ', StringComparison.Ordinal) && !rest.Contains('@', StringComparison.Ordinal))
            ? new Meaning(MeaningKind.Command, Commands.Email)
            : new Meaning(MeaningKind.Email, rest);
    }

    /// <summary>Words that several example texts use: real words, or slang ("tbh"), not typos.</summary>
    private static IEnumerable<string> CommonWords(IEnumerable<LabelledText> examples) =>
        examples.SelectMany(example => TextMatcher.Words(example.Text).Distinct())
            .GroupBy(word => word, StringComparer.Ordinal)
            .Where(group => group.Count() >= 2)
            .Select(group => group.Key);

    /// <summary>The words of the line itself: the preferred targets for a typo.</summary>
    private static IEnumerable<string> LineWords(FlowScript script)
    {
        var texts = script.States.SelectMany(state => new[] { state.Text, state.Words ?? "", state.Why ?? "", state.Hint }
                .Concat(state.Options.SelectMany(option => option.Phrases)))
            .Concat(script.Cues.SelectMany(cue => cue.Phrases.Select(phrase => phrase.Replace("*", "", StringComparison.Ordinal))))
            .Concat(script.Situations.Values.SelectMany(situation => situation.Keywords.Append(situation.Title).Concat(situation.Email.Guidance)))
            .Concat(script.CommandPhrases.Values.SelectMany(phrases => phrases));
        return texts.SelectMany(TextMatcher.Words).Where(word => !word.Any(char.IsAsciiDigit)).Distinct(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[a-z][a-z']*[a-z]", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex(@"[^\s@<>()\[\],;:""]+@[^\s@<>()\[\],;:""]+", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
