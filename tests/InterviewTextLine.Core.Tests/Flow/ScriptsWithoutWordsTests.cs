using System.Text.Json.Nodes;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.TestKit.Lines;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewTextLine.Core.Tests.Flow;

/// <summary>
/// Script versions published (or files edited) before scripts carried their language's words: they take the words of
/// their language's own script, with a note, rather than leave the line on its built-in wording after a deploy.
/// </summary>
public sealed class ScriptsWithoutWordsTests
{
    [Fact]
    public async Task A_published_version_without_words_or_language_is_taken_with_its_languages_own_words_and_its_wording_is_used()
    {
        await using var line = LineHarness.Create();
        var english = Embedded("en");
        english.Remove("words");
        english.Remove("language");
        var welcome = english["states"]!.AsArray().Single(state => (string?)state!["id"] == "welcome")!;
        welcome["text"] = welcome["text"]!.GetValue<string>().Replace("interview help:", "help line:", StringComparison.Ordinal);
        var spanish = Embedded("es");
        spanish.Remove("words");

        var problems = line.Services.GetRequiredService<ScriptSwitcher>().TrySwitch("7", Version(english, spanish));

        Assert.Empty(problems);
        Assert.Contains("help line:", await line.Text("hi"), StringComparison.Ordinal);
        var scripts = line.Services.GetRequiredService<FlowScripts>();
        Assert.Equal(FlowLoader.LoadEmbedded("en").Words.FollowUpSubject, scripts.For("en").Words.FollowUpSubject);
        Assert.Equal("sal", scripts.For("es").Words.Leave);
        Assert.Contains(scripts.For("en").Notes, note => note.Contains("no words section", StringComparison.Ordinal));
        Assert.Contains(scripts.For("en").Notes, note => note.Contains("names no language", StringComparison.Ordinal));

        // The Spanish keywords came with the Spanish words.
        Assert.Null(await line.Text("PARAR"));
        Assert.True((await line.Conversation())!.OptedOut);
    }

    [Fact]
    public async Task A_published_version_with_a_broken_words_section_is_refused_naming_it()
    {
        await using var line = LineHarness.Create();
        var english = Embedded("en");
        english["words"] = "none";

        var problems = line.Services.GetRequiredService<ScriptSwitcher>().TrySwitch("8", Version(english, Embedded("es")));

        Assert.Contains(problems, problem => problem.StartsWith("en: ", StringComparison.Ordinal) && problem.Contains("$.words", StringComparison.Ordinal));
        Assert.Null(line.Services.GetRequiredService<ScriptSwitcher>().CurrentVersion);
    }

    [Fact]
    public async Task A_published_version_whose_words_fail_the_lint_is_refused_naming_them()
    {
        await using var line = LineHarness.Create();
        var spanish = Embedded("es");
        spanish["words"]!["keywords"]!["HELP"] = new JsonArray("AYUDA", "ALTO");

        var problems = line.Services.GetRequiredService<ScriptSwitcher>().TrySwitch("9", Version(Embedded("en"), spanish));

        Assert.Contains("es: The keyword 'ALTO' is STOP for 'es' and HELP for 'es': a word means one command in every language.", problems);
    }

    [Fact]
    public async Task A_script_file_without_words_is_served_with_its_languages_own_words()
    {
        var spanish = Embedded("es");
        spanish.Remove("words");
        var path = Path.Combine(Directory.CreateTempSubdirectory("textline-words-").FullName, "script.es.json");
        await File.WriteAllTextAsync(path, spanish.ToJsonString(), TestContext.Current.CancellationToken);

        await using var line = LineHarness.Create(settings: [new("Flow:Scripts:es", path)]);

        Assert.Equal(line.StateText("welcome", "es"), await line.Text("ESPANOL"));
        Assert.Contains(line.Services.GetRequiredService<FlowScripts>().For("es").Notes, note => note.Contains("no words section", StringComparison.Ordinal));
    }

    private static JsonObject Embedded(string language) => JsonNode.Parse(FlowLoader.ReadEmbeddedJson(language))!.AsObject();

    private static Dictionary<string, string> Version(JsonObject english, JsonObject spanish) =>
        new(StringComparer.Ordinal) { ["en"] = english.ToJsonString(), ["es"] = spanish.ToJsonString() };
}
