using InterviewTextLine.Cli.Serve;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.TestKit.Builders;
using InterviewTextLine.TestKit.Repository;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Integration.Tests.Webhook;

/// <summary><c>Flow:Scripts:{code}</c>: an edited script served without a rebuild, and what it does to live conversations.</summary>
public sealed class EditedScriptTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("textline-script-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("hi")]
    [InlineData("STOP")]
    [InlineData("FORGET")]
    public async Task A_texter_stored_in_a_state_the_new_script_renamed_gets_a_200_and_a_sensible_answer(string body)
    {
        // The rude situation's advice state is renamed in both languages; every reference to it moves with it.
        var script = ScriptWith(original => original.Replace("\"leave_now\"", "\"leave_right_away\"", StringComparison.Ordinal));
        var spanish = ScriptWith(original => original.Replace("\"leave_now\"", "\"leave_right_away\"", StringComparison.Ordinal), "script.es.json");
        await using var host = await WebhookTestHost.StartAsync(options =>
        {
            options.Settings["Flow:Scripts:en"] = script;
            options.Settings["Flow:Scripts:es"] = spanish;
        });
        Assert.True(host.App.Services.GetRequiredService<ConversationEngine>().Script.HasState("leave_right_away"));
        var texter = host.App.Services.GetRequiredService<PhoneHasher>().Texter(InboundSms.TexterNumber, InboundSms.LineNumber);
        var now = host.App.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var stored = ConversationBuilder.AConversation().InState("leave_now").WithSituation("rude").StartedAt(now.AddMinutes(-5)).LastMessageAt(now.AddMinutes(-1)).Build();
        await host.Store.SaveWithReceiptAsync(texter, stored, null, new MessageReceipt("SMseed", null, now), TestContext.Current.CancellationToken);

        var messages = await Twiml.MessagesAsync(await host.PostSignedAsync(ServeHost.WebhookRoute, InboundSms.Text(body).Fields));

        var after = await host.Store.ReadAsync(texter, TestContext.Current.CancellationToken);
        var welcome = host.App.Services.GetRequiredService<ConversationEngine>().Render(host.App.Services.GetRequiredService<FlowScript>().State("welcome").Text);
        switch (body)
        {
            case "hi":
                Assert.Equal(welcome, Assert.Single(messages));
                Assert.Equal("welcome", after?.Conversation.StateId);
                break;
            case "STOP":
                Assert.Empty(messages);
                Assert.True(after?.Conversation.OptedOut);
                break;
            default:
                Assert.Contains("erase", Assert.Single(messages), StringComparison.OrdinalIgnoreCase);
                Assert.Null(after);
                break;
        }
    }

    [Fact]
    public async Task An_edited_English_script_whose_states_the_Spanish_one_lacks_stops_startup_naming_the_difference()
    {
        var script = ScriptWith(original => original.Replace("\"leave_now\"", "\"leave_right_away\"", StringComparison.Ordinal));
        await using var app = ServeHost.Build(Hermetic(script));

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Flow__Scripts__es", failure.Message, StringComparison.Ordinal);
        Assert.Contains("leave_right_away", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_script_that_fails_the_lint_stops_startup_naming_the_setting_and_the_problem()
    {
        var script = ScriptWith(original => original.Replace("\"goto\": \"leave_now_out\"", "\"goto\": \"nowhere\"", StringComparison.Ordinal));
        await using var app = ServeHost.Build(Hermetic(script));

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Flow__Scripts__en", failure.Message, StringComparison.Ordinal);
        Assert.Contains("nowhere", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_script_setting_for_a_language_the_line_does_not_speak_stops_startup_naming_it()
    {
        var script = ScriptWith(original => original.Replace("\"version\": \"1.4.0\"", "\"version\": \"9.9.9\"", StringComparison.Ordinal));
        var options = Hermetic(script);
        options.Settings["Flow:Scripts:xx"] = script;
        await using var app = ServeHost.Build(options);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Flow__Scripts__xx", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'xx' is not a language the line speaks (en, es)", failure.Message, StringComparison.Ordinal);
    }

    private static ServeHostOptions Hermetic(string script)
    {
        var options = new ServeHostOptions { Urls = "http://127.0.0.1:0", ReadMachineSettings = false };
        options.Settings["Twilio:AuthToken"] = WebhookTestHost.AuthToken;
        options.Settings["Flow:Scripts:en"] = script;
        return options;
    }

    private string ScriptWith(Func<string, string> edit, string name = "script.json")
    {
        var original = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "InterviewTextLine.Core", "Flow", name));
        var edited = edit(original);
        Assert.NotEqual(original, edited);
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, edited);
        return path;
    }
}
