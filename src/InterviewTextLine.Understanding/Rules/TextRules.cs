using System.Text.RegularExpressions;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Understanding;

namespace InterviewTextLine.Understanding.Rules;

/// <summary>The exact rules of the understanding: a state's reply said as the whole text, and an email address.</summary>
internal static partial class TextRules
{
    /// <summary>
    /// The reply of <paramref name="state"/> the whole text says ("yeah", "i left", "nope"), or one word a
    /// slip away from one ("yse"); null otherwise.
    /// </summary>
    public static string? ExactOption(FlowState state, IReadOnlyList<string> words)
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
    /// An email address anywhere in the text ("email me at x@y.org"), or the EMAIL command with something after
    /// it: one token is checked as an address ("EMAIL me.example.com" is told it needs an @); several words
    /// without an address ("email me pls") ask for the address.
    /// </summary>
    public static Meaning? EmailRequest(string body, IReadOnlyList<string> words, KeywordTable keywords)
    {
        ArgumentNullException.ThrowIfNull(keywords);
        if (Address().Match(body) is { Success: true } address)
        {
            return new Meaning(MeaningKind.Email, address.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')'));
        }

        // An EMAIL word of any language (EMAIL, CORREO) with something after it.
        if (words is not [var command, _, ..] || keywords.Classify(command.ToUpperInvariant(), optedOut: false) != Keyword.Email)
        {
            return null;
        }

        var trimmed = body.Trim();
        var rest = trimmed[Math.Min(trimmed.Length, command.Length)..].TrimStart(' ', ':', '-', '\t').Trim();
        return rest.Length == 0 || (rest.Contains(' ', StringComparison.Ordinal) && !rest.Contains('@', StringComparison.Ordinal))
            ? Meaning.Of(Keyword.Email)
            : new Meaning(MeaningKind.Email, rest);
    }

    /// <summary>The words of the line itself (its texts, replies, keywords and sure phrases): the preferred targets for a typo.</summary>
    public static IEnumerable<string> LineWords(FlowScript script)
    {
        var texts = script.States.SelectMany(state => new[] { state.Text, state.Words ?? "", state.Why ?? "", state.Hint }
                .Concat(state.Options.SelectMany(option => option.Phrases)))
            .Concat(script.Cues.SelectMany(cue => cue.Phrases.Select(phrase => phrase.Replace("*", "", StringComparison.Ordinal))))
            .Concat(script.Situations.Values.SelectMany(situation => situation.Keywords.Append(situation.Title).Concat(situation.Email.Guidance)))
            .Concat(script.CommandPhrases.Values.SelectMany(phrases => phrases));
        return texts.SelectMany(TextMatcher.Words).Where(word => !word.Any(char.IsAsciiDigit)).Distinct(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"[^\s@<>()\[\],;:""]+@[^\s@<>()\[\],;:""]+", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
