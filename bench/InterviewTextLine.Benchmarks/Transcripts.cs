namespace InterviewTextLine.Benchmarks;

/// <summary>One texter's conversation: what they send, in order.</summary>
internal sealed record Transcript(string Name, IReadOnlyList<string> Texts, bool CommonPath);

/// <summary>
/// The standard transcripts: every situation, the way people actually type (numbers, words, free text,
/// the line's keywords), plus HELP, EMAIL, STOP/START and nonsense.
/// </summary>
internal static class Transcripts
{
    public const string EmailAddress = "alex.doe@example.com";

    public static IReadOnlyList<Transcript> All { get; } =
    [
        new("deal-breaker, offer", ["hi", "1", "words", "yes", "words", "done"], CommonPath: true),
        new("deal-breaker, no offer", ["hi", "the salary is way too low", "nope", "words", "done"], CommonPath: true),
        new("rude, by number", ["hi", "2", "words", "I left", "done"], CommonPath: true),
        new("rude, first text", ["he was so rude", "words", "out", "done"], CommonPath: true),
        new("unclear, cleared up", ["hi", "3", "clear", "words", "done"], CommonPath: true),
        new("unclear, still a problem", ["hi", "not sure what she meant by that", "still a problem", "4", "how", "done"], CommonPath: true),
        new("not for me", ["hi", "4", "how", "words", "done"], CommonPath: true),
        new("help and a typo", ["hi", "help", "rdue", "wrods", "out", "done"], CommonPath: true),
        new("email summary", ["hi", "1", "yes", "words", "done", "EMAIL " + EmailAddress], CommonPath: false),
        new("email, then no email", ["hi", "4", "how", "done", "EMAIL " + EmailAddress, "NOEMAIL"], CommonPath: false),
        new("stop and start", ["hi", "2", "STOP", "hello", "START", "2", "done"], CommonPath: false),
        new("menu and nonsense", ["hi", "purple monkey dishwasher", "3", "menu", "4", "whatever", "how", "done"], CommonPath: false),
    ];

    /// <summary>The transcripts whose every text is one read and one write: the inbound load mix.</summary>
    public static IReadOnlyList<Transcript> Load { get; } = [.. All.Where(transcript => transcript.CommonPath)];
}
