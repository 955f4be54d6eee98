using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Languages;

namespace InterviewTextLine.TestKit.Builders;

/// <summary>The keywords a line speaking the built-in languages hears, for tests that build an engine or understander by hand.</summary>
public static class TestKeywords
{
    /// <summary>The keywords of the built-in scripts together (English and Spanish), as the line builds them.</summary>
    public static KeywordTable BuiltIn { get; } = KeywordTable.Of([.. BuiltInLanguages.All.Select(FlowLoader.Load)]);
}
