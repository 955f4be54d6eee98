namespace InterviewTextLine.Core.FollowUps;

/// <summary>
/// The content of one follow-up email before rendering, built by <see cref="FollowUpComposer"/> from
/// the texter's choices and the flow script. It never carries anything the texter typed.
/// </summary>
public sealed record FollowUpSummary
{
    public required string Subject { get; init; }

    public required string ProgramName { get; init; }

    public required string ProgramUrl { get; init; }

    public required string HelpContact { get; init; }

    public required string EmergencyNumber { get; init; }

    /// <summary>The situation the texter picked; null when they asked for email before picking one.</summary>
    public SituationSummary? Situation { get; init; }

    /// <summary>All situations in menu order, offered when the texter never picked one.</summary>
    public IReadOnlyList<SituationOverview> Overview { get; init; } = [];
}

/// <summary>What the email says about the texter's situation.</summary>
public sealed record SituationSummary
{
    public required string Title { get; init; }

    public required string Summary { get; init; }

    /// <summary>The SMS advice the texter was given, in the order they reached it.</summary>
    public required IReadOnlyList<string> AdviceGiven { get; init; }

    public required IReadOnlyList<string> Guidance { get; init; }

    /// <summary>The lines to say out loud.</summary>
    public required IReadOnlyList<string> Words { get; init; }

    public required string TemplateSubject { get; init; }

    /// <summary>The courteous email to the employer, one entry per paragraph.</summary>
    public required IReadOnlyList<string> TemplateParagraphs { get; init; }

    public required IReadOnlyList<string> Prompts { get; init; }
}

/// <summary>One situation in the overview.</summary>
public sealed record SituationOverview(string Title, string Summary);
