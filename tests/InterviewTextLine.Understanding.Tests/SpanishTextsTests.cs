using InterviewTextLine.Core.Flow;
using InterviewTextLine.TestKit.Lines;

namespace InterviewTextLine.Understanding.Tests;

/// <summary>
/// Spanish texts as people send them, through the line with its model and corpus: a first text in
/// Spanish is answered in Spanish without asking, danger first, and natural answers inside the flow.
/// </summary>
public sealed class SpanishTextsTests
{
    [Theory]
    [InlineData("el entrevistador es muy grosero", "leave_now")]
    [InlineData("me esta gritando y me dijo inutil enfrente de todos", "leave_now")]
    [InlineData("me preguntaron si estoy embarazada", "questions")]
    [InlineData("quieren q trabaje 2 semanas gratis de prueba", "dealbreaker")]
    [InlineData("ya me di cuenta q esto no es para mi, me quiero ir", "not_for_me")]
    public async Task A_first_text_in_Spanish_gets_its_situation_in_Spanish(string text, string state)
    {
        await using var line = LineHarness.Create();
        var reply = await line.Send(text);
        Assert.Equal(state, reply.State);
        Assert.Equal(line.StateText(state, "es"), reply.Text);
    }

    [Theory]
    [InlineData("cerro la puerta con llave y no me deja salir, tengo miedo")]
    [InlineData("me toco la pierna debajo de la mesa")]
    [InlineData("dice q el puesto es mio si salgo con el esta noche")]
    [InlineData("creo q me esta siguiendo desde q sali")]
    public async Task Danger_in_Spanish_gets_leave_now_and_the_emergency_number_first(string text)
    {
        await using var line = LineHarness.Create();
        var reply = await line.Send(text);
        Assert.Equal("safety", reply.State);
        var firstScreen = reply.Text![..160];
        Assert.StartsWith("Sal ahora", firstScreen, StringComparison.Ordinal);
        Assert.Contains("911", firstScreen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ayuda_as_a_first_text_gets_help_in_Spanish()
    {
        await using var line = LineHarness.Create();
        var reply = await line.Send("ayuda");
        Assert.Equal(line.Message(MessageKeys.Help, language: "es"), reply.Text);
    }

    [Fact]
    public async Task A_Spanish_sentence_at_the_English_welcome_switches_to_Spanish()
    {
        await using var line = LineHarness.Create();
        Assert.Equal(line.StateText("welcome", "en"), (await line.Send("hi")).Text);

        var reply = await line.Send("el tipo me esta humillando y se rie de mi");

        Assert.Equal(line.StateText("leave_now", "es"), reply.Text);
    }

    [Theory]
    [InlineData("2", "ya sali, estoy en el carro", "leave_now_out")]
    [InlineData("1", "no pueden cambiarlo, dijeron q es fijo", "dealbreaker_close")]
    [InlineData("1", "que le digo", "dealbreaker")]
    public async Task Natural_Spanish_answers_inside_the_flow_move_it_on(string setup, string text, string state)
    {
        await using var line = LineHarness.Create();
        await line.Text("ESPAÑOL");
        await line.Text(setup);

        var reply = await line.Send(text);

        Assert.Equal(state, reply.State);
    }

    [Fact]
    public async Task A_short_reply_both_languages_share_keeps_the_language()
    {
        await using var line = LineHarness.Create();
        await line.Text("el entrevistador es muy grosero");

        var reply = await line.Send("ok");

        Assert.DoesNotContain("Sorry", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("No rush", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hola buenas, estoy esperando para mi entrevista")]
    [InlineData("estoy en la entrevista, todo bien por ahora")]
    public async Task A_Spanish_greeting_or_status_gets_the_Spanish_menu_and_no_advice(string text)
    {
        await using var line = LineHarness.Create();
        var reply = await line.Send(text);
        Assert.Equal("welcome", reply.State);
        Assert.Equal(line.StateText("welcome", "es"), reply.Text);
    }

    [Theory]
    [InlineData("estoy tan nerviosa que me tiemblan las manos")]
    [InlineData("creo que la estoy regando, me quede en blanco")]
    public async Task A_nervous_Spanish_texter_is_calmed_in_Spanish(string text)
    {
        await using var line = LineHarness.Create();
        var reply = await line.Send(text);
        Assert.Equal("nerves", reply.State);
        Assert.Equal(line.StateText("nerves", "es"), reply.Text);
    }
}
