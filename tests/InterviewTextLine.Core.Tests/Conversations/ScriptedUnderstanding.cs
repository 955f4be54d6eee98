using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Understanding;

namespace InterviewTextLine.Core.Tests.Conversations;

/// <summary>
/// An understanding that means what a test tells it to, so the engine's handling of a meaning is tested apart from
/// the trained models. A text it was not told about means nothing; it never hears danger and tells no language.
/// </summary>
internal sealed class ScriptedUnderstanding(IReadOnlyDictionary<string, Meaning> meanings) : ITextUnderstanding, ILanguageDetector
{
    private readonly List<(string Text, string State, bool JustAskedBack)> _reads = [];

    /// <summary>Every text read, with the state and whether the line had just asked back, in order.</summary>
    public IReadOnlyList<(string Text, string State, bool JustAskedBack)> Reads => _reads;

    public ILanguageDetector Detector => this;

    public ITextUnderstander Understander(FlowScript script, Core.Conversations.KeywordTable keywords) => new Reader(this, script.Language);

    public string? Detect(TextReading text, bool midConversation) => null;

    private sealed class Reader(ScriptedUnderstanding owner, string language) : ITextUnderstander
    {
        public string Language => language;

        public Meaning Understand(TextReading text, FlowState state, bool justAskedBack)
        {
            owner._reads.Add((text.Body, state.Id, justAskedBack));
            return owner.Meanings(text.Body);
        }

        public bool IsUrgent(TextReading text, bool rulesOnly) => false;
    }

    private Meaning Meanings(string body) => meanings.TryGetValue(body, out var meaning) ? meaning : Meaning.Nothing;
}
