namespace InterviewTextLine.Core.FollowUps;

/// <summary>
/// The content of one follow-up email before rendering, built by <see cref="FollowUpComposer"/> from
/// the texter's choices and the flow script. It never carries anything the texter typed, and none of
/// the SMS instructions ("Reply ..."): it reads as a letter.
/// </summary>
public sealed record FollowUpSummary
{
    public required string Subject { get; init; }

    /// <summary>The code of the letter's language: the texter's, whose templates render it.</summary>
    public required string Language { get; init; }

    public required string ProgramName { get; init; }

    public required string ProgramUrl { get; init; }

    public required string HelpContact { get; init; }

    public required string EmergencyNumber { get; init; }

    /// <summary>Every situation the texter went through, in the order they reached it; empty when they asked for email before picking one.</summary>
    public IReadOnlyList<SituationSummary> Situations { get; init; } = [];

    /// <summary>All situations in menu order, offered when the texter never picked one.</summary>
    public IReadOnlyList<SituationOverview> Overview { get; init; } = [];
}

/// <summary>What the email says about one situation the texter was in.</summary>
public sealed record SituationSummary
{
    public required string Title { get; init; }

    /// <summary>The situation as the texter reported it.</summary>
    public required IReadOnlyList<Paragraph> Summary { get; init; }

    /// <summary>The advice in full, then what the texter was told at each later step they reached.</summary>
    public required IReadOnlyList<Paragraph> Advice { get; init; }

    /// <summary>The lines to say out loud, from the steps they reached.</summary>
    public required IReadOnlyList<Paragraph> Words { get; init; }

    /// <summary>Why (or whether) to send the template, in keeping with the texts.</summary>
    public required IReadOnlyList<Paragraph> TemplateIntro { get; init; }

    public required string TemplateSubject { get; init; }

    /// <summary>The short email the texter can adapt.</summary>
    public required IReadOnlyList<Paragraph> TemplateParagraphs { get; init; }

    public required IReadOnlyList<string> Prompts { get; init; }
}

/// <summary>One situation in the overview.</summary>
public sealed record SituationOverview(string Title, IReadOnlyList<Paragraph> Summary);

/// <summary>
/// A paragraph as lines: the templates join them with line breaks (<c>&lt;br&gt;</c> in HTML), so a
/// newline in the script shows as one in both parts, and every line is still encoded.
/// </summary>
public sealed record Paragraph(IReadOnlyList<string> Lines)
{
    /// <summary>Splits <paramref name="text"/> into paragraphs at blank lines, and each paragraph into its lines.</summary>
    public static IReadOnlyList<Paragraph> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return
        [
            .. text.ReplaceLineEndings("\n")
                .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(paragraph => new Paragraph([.. paragraph.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]))
                .Where(paragraph => paragraph.Lines.Count > 0),
        ];
    }
}
