using System.Text.RegularExpressions;
using CsCheck;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.TestKit.Lines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Core.Tests.Conversations;

/// <summary>
/// Random conversations (keywords, menu numbers, free text, both languages, STOP, START, FORGET, EMAIL, danger, and
/// time passing) through the line as the webhook runs it, against a model of consent kept beside it: every urgent
/// text from a texter who has not opted out gets the safety advice first, past every cap; after STOP only an opt-in
/// word is ever answered.
/// </summary>
/// <remarks>
/// The urgent texts are ones a sure phrase catches, in English and in Spanish, so the property holds whatever the
/// trained models make of the rest. A low reply cap makes the caps part of almost every sequence.
/// </remarks>
public sealed class SafetyPropertyTests
{
    /// <summary>What a reply must open with for danger: to leave and the emergency number, in its first SMS.</summary>
    private const int FirstScreen = 160;

    private static readonly string[] Urgent =
    [
        "he grabbed me",
        "he grabbed me and won't let me leave",
        "HE PULLED A KNIFE",
        "me agarro del brazo y no me deja salir",
        "me agarró del brazo",
        "tiene un cuchillo",
    ];

    private static readonly string[] OptOut = ["STOP", "stop.", "Stop!", "PARAR", "cancel", "QUIT"];

    private static readonly string[] OptIn = ["START", "UNSTOP", "COMENZAR", "INICIO", "YES", "yes"];

    private static readonly string[] OptOutWords = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "PARAR", "DETENER", "CANCELAR", "BAJA", "ALTO"];

    private static readonly string[] OptInWords = ["START", "UNSTOP", "COMENZAR", "INICIO", "YES"];

    private static readonly string[] Other =
    [
        "HELP", "AYUDA", "info", "MENU", "WORDS", "PALABRAS", "WHY", "DONE", "FIN", "NOEMAIL", "FORGET", "BORRAR", "DELETE",
        "ESPAÑOL", "ENGLISH", "EMAIL pat@example.org", "CORREO ana@example.org", "EMAIL not-an-address",
        "1", "2", "3", "4", "5", "6", "#2", "two", "yes", "no", "out", "clear", "still",
        "hi", "ok", "hola", "he was so rude", "the salary is way too low", "not sure what she meant",
        "el entrevistador es muy grosero", "el sueldo es muy bajo", "help me", "pls help", "ayudame",
    ];

    private static readonly Gen<string> AnyText = Gen.Frequency(
        (3, Gen.OneOf(Urgent)),
        (2, Gen.OneOf(OptOut)),
        (2, Gen.OneOf(OptIn)),
        (10, Gen.OneOf(Other)));

    private static readonly Regex[] SaysLeave =
        [.. FlowLoader.Languages.Select(language => FlowValidator.LeavePattern(FlowLoader.LoadEmbedded(language)))];

    [Fact]
    public async Task Danger_outside_opt_out_always_gets_the_safety_advice_first_and_after_stop_only_an_opt_in_is_answered()
    {
        await using var line = LineHarness.Create([new("Limits:RepliesPerNumber", "4"), new("Limits:HelpPerWindow", "2")]);
        var emergency = line.Services.GetRequiredService<IOptions<ProgramOptions>>().Value.EmergencyNumber;
        var texter = 0;

        await Gen.Select(AnyText.Array[1, 30], Gen.Int[0, 240].Array[30])
            .SampleAsync(
                async (texts, waits) =>
                {
                    var from = $"+1555{Interlocked.Increment(ref texter):D7}";
                    var optedOut = false;
                    for (var i = 0; i < texts.Length; i++)
                    {
                        line.Time.Advance(TimeSpan.FromSeconds(waits[i]));
                        var text = texts[i];
                        var reply = await line.Text(text, from);
                        var transcript = string.Join(" | ", texts.Take(i + 1));

                        if (optedOut)
                        {
                            Assert.True(reply is null || IsOneOf(text, OptInWords), $"Answered after STOP: {transcript} -> {reply}");
                        }
                        else if (Urgent.Contains(text))
                        {
                            Assert.True(reply is not null, $"Danger got no reply: {transcript}");
                            var screen = reply[..Math.Min(reply.Length, FirstScreen)];
                            Assert.True(
                                SaysLeave.Any(leave => leave.IsMatch(screen)) && screen.Contains(emergency, StringComparison.Ordinal),
                                $"Danger did not get the safety advice first: {transcript} -> {reply}");
                        }

                        // The model of consent: an opt-out word opts out, an opt-in word opts back in, FORGET keeps
                        // an opt-out (and YES only opts in while opted out).
                        optedOut = IsOneOf(text, OptOutWords) || (optedOut && !IsOneOf(text, OptInWords));
                        Assert.Equal(optedOut, (await line.Conversation(from))?.OptedOut ?? false);
                    }
                },
                iter: 120,
                threads: 1);
    }

    /// <summary>A text that is one of <paramref name="words"/>, in any case, with punctuation around it: a keyword.</summary>
    private static bool IsOneOf(string text, string[] words) =>
        !text.Trim().Contains(' ', StringComparison.Ordinal) && words.Contains(new string([.. text.Where(char.IsLetter)]).ToUpperInvariant());
}
