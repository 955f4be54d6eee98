namespace InterviewTextLine.Core.Understanding;

/// <summary>
/// Which of the line's languages a text is written in, judged by spelling: the text's letter pieces
/// (<see cref="CharacterGrams"/>) against example texts of each language, the closest few per language.
/// Short texts that both languages use ("ok", "no", "1") are undecided, and the texter keeps their
/// language.
/// </summary>
public sealed class LanguageDetector
{
    /// <summary>How many of a language's closest examples its score averages.</summary>
    private const int Neighbours = 4;

    private readonly CharacterGrams _grams;
    private readonly string[] _languages;

    /// <param name="examples">Texts of each language: texts people send, and the script's own words.</param>
    /// <param name="lead">How far one language must lead the next to be chosen.</param>
    public LanguageDetector(IEnumerable<(string Language, string Text)> examples, double lead = 0.2)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var list = examples.Select(example => (example.Language, Text: Clean(example.Text))).Where(example => example.Text.Length > 0).ToList();
        _grams = new CharacterGrams([.. list.Select(example => example.Text)]);
        _languages = [.. list.Select(example => example.Language)];
        Lead = lead;
    }

    public double Lead { get; }

    /// <summary>
    /// A detector over the texts people send in each language (when the corpus is there) and the words of
    /// each script: its texts, option phrases, cues and keywords.
    /// </summary>
    public static LanguageDetector From(IEnumerable<Flow.FlowScript> scripts, TrainingExamples? examples)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        var texts = new List<(string Language, string Text)>();
        foreach (var script in scripts)
        {
            texts.AddRange((examples?.For(script.Language) ?? []).Select(example => (script.Language, example.Text)));
            texts.AddRange(ScriptTexts(script).Select(text => (script.Language, text)));
        }

        return new LanguageDetector(texts);
    }

    private static IEnumerable<string> ScriptTexts(Flow.FlowScript script) =>
        script.States.SelectMany(state => new[] { state.Text, state.Hint, state.Words ?? "" }.Concat(state.Options.SelectMany(option => option.Synonyms)))
            .Concat(script.Cues.SelectMany(cue => cue.Phrases.Select(phrase => phrase.Replace("*", "", StringComparison.Ordinal))))
            .Concat(script.Situations.Values.SelectMany(situation => situation.Keywords))
            .Concat(script.CommandPhrases.Values.SelectMany(phrases => phrases))
            .Concat(script.Messages.Values);

    /// <summary>The languages the examples cover.</summary>
    public IReadOnlySet<string> Languages => _languages.ToHashSet(StringComparer.Ordinal);

    /// <summary>The language <paramref name="text"/> is written in, or null when no language leads by <see cref="Lead"/>.</summary>
    public string? Detect(string? text) => Detect(text, Lead);

    /// <summary>As <see cref="Detect(string?)"/>, with a lead of one's own (a stricter one to change language mid-conversation).</summary>
    public string? Detect(string? text, double lead)
    {
        var cleaned = Clean(text ?? "");
        if (cleaned.Length == 0)
        {
            return null;
        }

        var similarities = _grams.Similarities(cleaned);
        var best = new Dictionary<string, List<float>>(StringComparer.Ordinal);
        for (var i = 0; i < similarities.Length; i++)
        {
            if (!best.TryGetValue(_languages[i], out var top))
            {
                best[_languages[i]] = top = [];
            }

            top.Add(similarities[i]);
        }

        var scores = best.Select(pair => (Language: pair.Key, Score: pair.Value.OrderDescending().Take(Neighbours).Average()))
            .OrderByDescending(pair => pair.Score)
            .ToList();
        return scores.Count switch
        {
            0 => null,
            1 => scores[0].Score > 0 ? scores[0].Language : null,
            _ => scores[0].Score - scores[1].Score >= lead ? scores[0].Language : null,
        };
    }

    private static string Clean(string text) => string.Join(' ', Conversations.TextMatcher.Words(text));
}
