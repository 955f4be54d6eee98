using System.Text;
using System.Text.Json.Nodes;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Languages;
using InterviewTextLine.Email;
using InterviewTextLine.TestKit.Lines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Integration.Tests.Languages;

/// <summary>
/// A language added as data: a small French test script (<c>Languages/fr/script.json</c>, with its own words and no
/// trained model) registered through <see cref="LanguageServiceCollectionExtensions.AddLanguage"/> alone, and a
/// conversation held in it, with no change to the app's code.
/// </summary>
public sealed class ThirdLanguageTests
{
    private static readonly LanguageProfile French =
        new("fr", "French", LanguageFiles.Folder(Path.Combine(AppContext.BaseDirectory, "Languages", "fr")));

    private static LineHarness Line() => LineHarness.Create(configure: services => services.AddBuiltInLanguages().AddLanguage(French));

    [Fact]
    public async Task A_conversation_is_held_in_a_language_registered_from_fixture_files()
    {
        await using var line = Line();
        Assert.Equal(["en", "es", "fr"], line.Services.GetRequiredService<LanguageRegistry>().Codes);

        var welcome = await line.Text("FRANCAIS");
        Assert.Equal(line.StateText("welcome", "fr"), welcome);
        Assert.Contains("aide entretien", welcome, StringComparison.Ordinal);
        Assert.Equal("fr", (await line.Conversation())!.Language);

        var advice = await line.Text("2");
        Assert.Equal(line.StateText("leave_now", "fr"), advice);
        Assert.Equal("leave_now", (await line.Conversation())!.StateId);

        var help = await line.Text("HELP");
        Assert.Contains("Frais de messages et de donnees possibles", help, StringComparison.Ordinal);

        Assert.Null(await line.Text("STOP"));
        Assert.True((await line.Conversation())!.OptedOut);
    }

    [Fact]
    public async Task A_menu_number_in_the_new_language_is_understood_by_the_script_alone_without_a_model()
    {
        await using var line = Line();
        await line.Text("FRANCAIS");

        var reply = await line.Text("1");

        Assert.Equal(line.StateText("dealbreaker", "fr"), reply);
        Assert.Equal("fr", (await line.Conversation())!.Language);
    }

    [Fact]
    public async Task The_follow_up_email_of_the_new_language_has_its_subject_and_falls_back_to_the_default_templates()
    {
        await using var line = Line();
        await line.Text("FRANCAIS");
        await line.Text("2");
        var conversation = (await line.Conversation())!;
        var composer = new FollowUpComposer(
            line.Services.GetRequiredService<FlowScripts>(),
            new FluidFollowUpRenderer(line.Services.GetRequiredService<LanguageRegistry>()),
            line.Services.GetRequiredService<IOptions<ProgramOptions>>(),
            Options.Create(new EmailOptions { FromAddress = "line@example.org" }));

        var summary = composer.Summarize(conversation);
        var email = composer.Compose(conversation, "texter@example.org");

        Assert.Equal("fr", summary.Language);
        Assert.Equal("Vos notes d'entretien de " + line.Services.GetRequiredService<IOptions<ProgramOptions>>().Value.Name, email.Subject);
        Assert.Contains(line.Services.GetRequiredService<FlowScripts>().For("fr").Situations["rude"].Title, email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_new_language_brings_its_own_keywords_which_work_in_every_language_of_the_line()
    {
        await using var line = Line();
        await line.Text("FRANCAIS");

        Assert.Contains("Frais de messages et de donnees possibles", await line.Text("AIDE"), StringComparison.Ordinal);
        Assert.Contains("Frais de messages et de donnees possibles", await line.Text("aide moi svp"), StringComparison.Ordinal);

        Assert.Null(await line.Text("ARRET"));
        Assert.True((await line.Conversation())!.OptedOut);

        // Keywords are global: a French speaker's ARRET stops the line in an English conversation too.
        const string other = "+15555550111";
        await line.Text("hi", from: other);
        Assert.Null(await line.Text("ARRET", from: other));
        Assert.True((await line.Conversation(other))!.OptedOut);
        Assert.Equal("en", (await line.Conversation(other))!.Language);
    }

    [Fact]
    public void A_keyword_that_means_another_command_in_another_language_fails_validation_naming_both()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Languages", "fr", "script.json")))!;
        json["words"]!["keywords"]!["HELP"]!.AsArray().Add("ALTO");
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json.ToJsonString()));
        var french = FlowLoader.Load(stream);

        // Alone the script is fine; beside Spanish, whose ALTO stops the line, it is not.
        Assert.Empty(FlowValidator.Validate(french));
        var problems = FlowValidator.CompareAll([FlowLoader.LoadEmbedded("en"), FlowLoader.LoadEmbedded("es"), french], translations: false);

        Assert.Contains("The keyword 'ALTO' is STOP for 'es' and HELP for 'fr': a word means one command in every language.", problems);
    }
}
