using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.FollowUps;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Email.Tests;

/// <summary>The follow-up letter of a Spanish conversation: in Spanish, both parts, from the Spanish script.</summary>
public sealed class SpanishLetterTests
{
    private static readonly FlowScript English = FlowLoader.LoadEmbedded();
    private static readonly FlowScript Spanish = FlowLoader.LoadEmbedded("es");

    private static FollowUpComposer Composer() => new(
        new FlowScripts([English, Spanish]),
        new FluidFollowUpRenderer(),
        Options.Create(new ProgramOptions { Name = "Career Hub", HelpContact = "555-0100", Url = "https://careers.example.edu" }),
        Options.Create(new EmailOptions { FromAddress = "line@example.edu" }));

    private static Conversation Through(string language, params string[] situations) =>
        Conversation.Start("welcome", DateTimeOffset.UnixEpoch) with
        {
            Language = language,
            StateId = "done",
            Situation = situations[^1],
            Situations = [.. situations],
            Path = ["welcome", .. situations.Select(id => English.Situations[id].Entry), "done"],
        };

    [Fact]
    public void A_Spanish_conversation_gets_its_letter_in_Spanish_in_both_parts()
    {
        var email = Composer().Compose(Through("es", "unsure", "notforme"), "ana@example.com");

        Assert.Equal("Tus notas de entrevista de Career Hub", email.Subject);
        Assert.Contains("<html lang=\"es\">", email.Html, StringComparison.Ordinal);
        foreach (var part in new[] { email.Html, email.Text })
        {
            Assert.Contains("Qu\u00E9 hacer", part, StringComparison.Ordinal);
            Assert.Contains("Para pensar", part, StringComparison.Ordinal);
            Assert.DoesNotContain("What to do", part, StringComparison.Ordinal);
            Assert.DoesNotContain("Responde", part, StringComparison.Ordinal);
        }

        // Every situation it went through, in order, by its Spanish title.
        var first = email.Text.IndexOf(Spanish.Situations["unsure"].Title, StringComparison.Ordinal);
        var second = email.Text.IndexOf(Spanish.Situations["notforme"].Title, StringComparison.Ordinal);
        Assert.True(first >= 0 && second > first, "Both Spanish situations, in order.");
        Assert.Contains(Spanish.Situations["notforme"].Email.TemplateSubject, email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_English_conversation_keeps_its_English_letter()
    {
        var email = Composer().Compose(Through("en", "rude"), "sam@example.com");

        Assert.Equal("Your interview notes from Career Hub", email.Subject);
        Assert.Contains("What to do", email.Text, StringComparison.Ordinal);
        Assert.Contains(English.Situations["rude"].Title, email.Text, StringComparison.Ordinal);
    }
}
