using CsCheck;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Sms;
using InterviewTextLine.TestKit.Lines;

namespace InterviewTextLine.Core.Tests.Conversations;

/// <summary>
/// Whatever a texter sends (any Unicode, control characters, emoji, 5,000 characters, keywords in odd
/// places), the engine answers without throwing, and every reply is GSM-7 within the guidance budget.
/// </summary>
public sealed class EnginePropertyTests
{
    private static readonly string[] Words =
    [
        "STOP", "start", "YES", "no", "help", "MENU", "words", "done", "email", "EMAIL me@example.com", "EMAIL x@", "noemail",
        "forget", "1", "2", "3", "4", "out", "how", "clear", "still", "rude", "salary", "not sure", "\U0001F621", "\u201chi\u201d",
    ];

    private static readonly Gen<string> AnyText = Gen.OneOf(
        Gen.String[Gen.Char, 0, 40],
        Gen.String[Gen.Char.AlphaNumeric, 0, 20],
        Gen.OneOf(Words),
        Gen.OneOf(Words).Array[1, 4].Select(parts => string.Join(' ', parts)),
        Gen.Int[0, 0x10FFFF].Where(cp => cp is < 0xD800 or > 0xDFFF).Array[0, 10].Select(cps => string.Concat(cps.Select(char.ConvertFromUtf32))),
        Gen.Int[1500, 5000].Select(length => new string('x', length)),
        Gen.Char[(char)0, (char)31].Array[0, 10].Select(chars => new string(chars)));

    private static void AssertAffordable(string? reply)
    {
        if (reply is null)
        {
            return;
        }

        var segments = SmsSegments.Of(reply);
        Assert.True(segments.Encoding == SmsEncoding.Gsm7, $"Reply is not GSM-7: {reply}");
        Assert.InRange(segments.Count, 1, FlowValidator.GuidanceSegments);
    }

    [Fact]
    public async Task Any_sequence_of_texts_gets_affordable_replies_and_never_throws()
    {
        await using var line = LineHarness.Create();
        var texter = 0;
        await Gen.Select(AnyText.Array[1, 8], Gen.Int[0, 2], Gen.TimeSpan[TimeSpan.Zero, TimeSpan.FromHours(20)])
            .SampleAsync(
                async (texts, media, wait) =>
                {
                    var from = $"+1555{Interlocked.Increment(ref texter):D7}";
                    foreach (var text in texts)
                    {
                        line.Time.Advance(wait / texts.Length);
                        AssertAffordable(await line.Text(text, from, media));
                    }
                },
                iter: 400);
    }

    [Fact]
    public async Task The_engine_decides_for_any_stored_state_and_any_text()
    {
        await using var line = LineHarness.Create();
        var script = line.Script;
        var now = line.Time.GetUtcNow();
        var states = Gen.OneOf([.. script.States.Select(state => state.Id)]);
        Gen.Select(states, AnyText, Gen.Bool, Gen.Int[0, 3])
            .Sample(
                (state, text, optedOut, media) =>
                {
                    var stored = Conversation.Start(state, now) with { OptedOut = optedOut };
                    var decision = line.Engine.Decide(stored, text, media, now.AddMinutes(1));
                    AssertAffordable(decision.Reply);
                    if (decision.Next is { } next)
                    {
                        Assert.True(script.HasState(next.StateId));
                    }
                },
                iter: 3000);
    }
}
