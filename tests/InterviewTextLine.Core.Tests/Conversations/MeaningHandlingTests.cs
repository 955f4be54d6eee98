using System.Globalization;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Understanding;
using InterviewTextLine.TestKit.Lines;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewTextLine.Core.Tests.Conversations;

/// <summary>
/// What the engine does with a meaning, whatever model found it: two problems in one text, and a question back
/// that the next text is read against.
/// </summary>
public sealed class MeaningHandlingTests
{
    private const string TwoProblems = "two problems";
    private const string Unsure = "unsure which";
    private const string Again = "still unsure";

    private static LineHarness Line(ScriptedUnderstanding understanding) =>
        LineHarness.Create(configure: services => services.AddSingleton<ITextUnderstanding>(understanding));

    [Fact]
    public async Task A_text_with_two_problems_gets_the_weightier_advice_and_names_the_other_with_its_number()
    {
        var understanding = new ScriptedUnderstanding(new Dictionary<string, Meaning>
        {
            [TwoProblems] = new(MeaningKind.Situation, "rude", Second: "dealbreaker", Source: MeaningSource.Model, Confidence: 0.9),
        });
        await using var line = Line(understanding);

        var reply = await line.Text(TwoProblems);

        var also = Placeholders.Fill(line.Script.Message(MessageKeys.Also), Named(line.Script, (Placeholders.Second, "dealbreaker")));
        Assert.Equal(line.StateText("leave_now") + "\n" + also, reply);
        var conversation = (await line.Conversation())!;
        Assert.Equal("leave_now", conversation.StateId);
        // The other problem is only named: the texter picks it with its number if they want its advice.
        Assert.Equal(["rude"], conversation.Situations);
    }

    [Fact]
    public async Task A_question_back_is_stored_and_the_next_text_is_read_knowing_it_then_forgotten()
    {
        var understanding = new ScriptedUnderstanding(new Dictionary<string, Meaning>
        {
            [Unsure] = new(MeaningKind.Clarify, "unsure", Second: "questions", Source: MeaningSource.Model, Confidence: 0.6),
        });
        await using var line = Line(understanding);
        await line.Text("hi");

        var question = await line.Text(Unsure);
        var asked = (await line.Conversation())!;
        var answer = await line.Text(Again);
        var after = (await line.Conversation())!;

        Assert.Equal(Placeholders.Fill(line.Script.Message(MessageKeys.Clarify), Named(line.Script, (Placeholders.First, "unsure"), (Placeholders.Second, "questions"))), question);
        Assert.True(asked.AskedBack);
        Assert.Equal("welcome", asked.StateId);
        Assert.Equal([("hi", "welcome", false), (Unsure, "welcome", false), (Again, "welcome", true)], understanding.Reads);
        Assert.Equal(line.Message(MessageKeys.Again, "welcome"), answer);
        Assert.False(after.AskedBack);
    }

    /// <summary>The placeholders that name situations in a message: {First} and {FirstNumber}, {Second} and {SecondNumber}.</summary>
    private static Dictionary<string, string> Named(FlowScript script, params (string Placeholder, string Situation)[] named) =>
        named.SelectMany(pair => new[]
            {
                KeyValuePair.Create(pair.Placeholder, script.Situations[pair.Situation].Gist),
                KeyValuePair.Create(pair.Placeholder + "Number", script.Situations[pair.Situation].Number!.Value.ToString(CultureInfo.InvariantCulture)),
            })
            .ToDictionary(StringComparer.Ordinal);

    [Fact]
    public async Task A_keyword_after_a_question_back_clears_it_too()
    {
        var understanding = new ScriptedUnderstanding(new Dictionary<string, Meaning>
        {
            [Unsure] = new(MeaningKind.Clarify, "unsure", Second: "questions", Source: MeaningSource.Model, Confidence: 0.6),
        });
        await using var line = Line(understanding);
        await line.Text(Unsure);
        Assert.True((await line.Conversation())!.AskedBack);

        Assert.Equal(line.StateText("welcome"), await line.Text("MENU"));

        Assert.False((await line.Conversation())!.AskedBack);
    }
}
