using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.TestKit.Lines;

namespace InterviewTextLine.Core.Tests.Conversations;

/// <summary>
/// The line in Spanish by keyword (the rules alone: telling a text's language needs the corpus, see
/// the Understanding tests): switching both ways, Spanish commands, and the Spanish opt-out words.
/// </summary>
public sealed class LanguageTests
{
    [Theory]
    [InlineData("ESPAÑOL")]
    [InlineData("espanol")]
    [InlineData("Español!")]
    public async Task Espanol_switches_to_the_Spanish_welcome_and_is_stored(string keyword)
    {
        await using var line = LineHarness.Create();
        Assert.Equal(line.StateText("welcome", "en"), await line.Text("hi"));

        Assert.Equal(line.StateText("welcome", "es"), await line.Text(keyword));
        Assert.Equal("es", (await line.Conversation())!.Language);
    }

    [Fact]
    public async Task A_switch_mid_conversation_keeps_the_place_and_says_it_again_in_the_other_language()
    {
        await using var line = LineHarness.Create();
        await line.Text("ESPANOL");
        Assert.Equal(line.StateText("leave_now", "es"), await line.Text("2"));

        Assert.Equal(line.StateText("leave_now", "en"), await line.Text("ENGLISH"));
        var conversation = await line.Conversation();
        Assert.Equal("leave_now", conversation!.StateId);
        Assert.Equal("en", conversation.Language);
        Assert.Equal(line.StateText("leave_now", "es"), await line.Text("ESPAÑOL"));
        Assert.Equal(line.StateText("leave_now", "en"), await line.Text("INGLÉS"));
    }

    [Fact]
    public async Task Spanish_commands_answer_in_Spanish_and_English_ones_keep_working()
    {
        await using var line = LineHarness.Create();
        await line.Text("ESPAÑOL");
        await line.Text("1");
        var spanish = line.Languages.For("es");

        Assert.Equal(spanish.Render(spanish.Script.State("dealbreaker").Words!), await line.Text("PALABRAS"));
        Assert.Equal(spanish.Render(spanish.Script.State("dealbreaker").Words!), await line.Text("WORDS"));
        Assert.Equal(spanish.Render(spanish.Script.Message(MessageKeys.Help)), await line.Text("AYUDA"));
        Assert.Equal(line.StateText("dealbreaker_offer", "es"), await line.Text("SÍ"));
    }

    [Theory]
    [InlineData("PARAR")]
    [InlineData("detener")]
    [InlineData("Cancelar.")]
    [InlineData("BAJA")]
    [InlineData("alto")]
    public async Task Spanish_opt_out_words_are_silent_and_cancel_the_email(string word)
    {
        await using var line = LineHarness.Create();
        await line.Text("ESPAÑOL");
        await line.Text("2");
        await line.Text("CORREO ana@example.com");
        Assert.Equal(FollowUpStatus.Scheduled, (await line.Conversation())!.FollowUp!.Status);

        Assert.Null(await line.Text(word));
        var conversation = await line.Conversation();
        Assert.True(conversation!.OptedOut);
        Assert.Equal(FollowUpStatus.Cancelled, conversation.FollowUp!.Status);
        Assert.Null(await line.Text("hola"));

        Assert.Equal(line.StateText("welcome", "es"), await line.Text("COMENZAR"));
    }

    [Fact]
    public async Task A_language_word_while_opted_out_changes_nothing()
    {
        await using var line = LineHarness.Create();
        await line.Text("hi");
        await line.Text("STOP");

        Assert.Null(await line.Text("ESPAÑOL"));
        Assert.Equal("en", (await line.Conversation())!.Language);
    }

    [Fact]
    public async Task The_spanish_email_saved_message_names_the_delay_in_Spanish()
    {
        await using var line = LineHarness.Create();
        await line.Text("ESPAÑOL");
        await line.Text("2");

        var reply = await line.Text("CORREO ana@example.com");

        // The default delay is two hours; "llegara" has lost the accent GSM-7 lacks, as it is sent.
        Assert.Contains("llegara aproximadamente 2 horas", reply, StringComparison.Ordinal);
    }
}
