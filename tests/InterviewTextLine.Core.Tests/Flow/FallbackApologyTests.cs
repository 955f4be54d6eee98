using System.Text.Json.Nodes;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Sms;

namespace InterviewTextLine.Core.Tests.Flow;

/// <summary>
/// The fallback URL's apology (message 'fallback'): each script carries it, and the lint holds it to leading with the
/// safety line and to one GSM-7 segment with the longest settings, naming the key when it does not.
/// </summary>
public sealed class FallbackApologyTests
{
    private static FlowScript WithApology(string language, string? apology)
    {
        var script = FlowLoader.LoadEmbedded(language);
        var messages = script.Messages.Where(pair => pair.Key != MessageKeys.Fallback).ToDictionary(pair => pair.Key, pair => pair.Value);
        if (apology is not null)
        {
            messages[MessageKeys.Fallback] = apology;
        }

        return script with { Messages = messages };
    }

    [Theory]
    [InlineData("en", "Unsafe? Call 123456.")]
    [InlineData("es", "¿Peligro? Llama al 123456.")]
    public void Each_shipped_apology_leads_with_the_safety_line_and_is_one_gsm7_segment_with_the_longest_settings(string language, string lead)
    {
        var script = FlowLoader.LoadEmbedded(language);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Placeholders.EmergencyNumber] = "123456",
            [Placeholders.HelpContact] = new string('x', ProgramOptions.MaxHelpContactLength),
        };

        var apology = SmsNormalizer.WithoutAccentsGsm7Lacks(Placeholders.Fill(script.Message(MessageKeys.Fallback), values));

        Assert.Empty(FlowValidator.Validate(script));
        Assert.StartsWith(lead, apology, StringComparison.Ordinal);
        Assert.Equal((SmsEncoding.Gsm7, 1), (SmsSegments.Of(apology).Encoding, SmsSegments.Of(apology).Count));
    }

    [Fact]
    public void An_apology_without_the_emergency_number_placeholder_fails_the_lint_naming_the_key()
    {
        var script = WithApology("en", "Sorry, the line is having trouble; please text again in a few minutes. For help now, contact {HelpContact}");

        Assert.Contains(FlowValidator.Validate(script), problem => problem.StartsWith("Message 'fallback' must name {EmergencyNumber}", StringComparison.Ordinal));
    }

    [Fact]
    public void An_apology_over_one_segment_with_the_longest_settings_fails_the_lint_naming_the_key()
    {
        // 154 characters with a six-digit number and a 40-character contact; 162 with " Thanks!".
        var script = WithApology("en", FlowLoader.LoadEmbedded().Message(MessageKeys.Fallback) + " Thanks!");

        Assert.Contains(FlowValidator.Validate(script), problem => problem.StartsWith("Message 'fallback' takes 2 SMS segments", StringComparison.Ordinal) && problem.Contains("the budget is 1 (160 characters)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Sorry, the line is having trouble right now. If you are unsafe, call {EmergencyNumber}. Help: {HelpContact}")]
    [InlineData("Help: {HelpContact}. Unsafe? Call {EmergencyNumber}.")]
    public void An_apology_that_puts_anything_before_the_safety_line_fails_the_lint(string apology)
    {
        Assert.Contains(FlowValidator.Validate(WithApology("en", apology)), problem => problem.StartsWith("Message 'fallback' must lead with the safety line", StringComparison.Ordinal));
    }

    [Fact]
    public void An_apology_without_the_help_contact_or_outside_gsm7_fails_the_lint_naming_the_key()
    {
        var problems = FlowValidator.Validate(WithApology("en", "Unsafe? Call {EmergencyNumber}. Sorry, the line\u2019s down."));

        Assert.Contains(problems, problem => problem.StartsWith("Message 'fallback' must name the help contact {HelpContact}", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("Message 'fallback' has characters outside GSM-7", StringComparison.Ordinal));
    }

    [Fact]
    public void A_script_without_an_apology_fails_the_lint()
    {
        Assert.Contains("The script has no 'fallback' message (the fallback URL's apology, which leads with {EmergencyNumber}).", FlowValidator.Validate(WithApology("es", apology: null)));
    }

    [Fact]
    public void A_script_file_written_before_scripts_carried_the_apology_takes_its_languages_own_with_a_note()
    {
        var spanish = JsonNode.Parse(FlowLoader.ReadEmbeddedJson("es"))!.AsObject();
        spanish["messages"]!.AsObject().Remove(MessageKeys.Fallback);
        using var json = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(spanish.ToJsonString()));

        var script = FlowLoader.Load(json);

        Assert.Equal(FlowLoader.LoadEmbedded("es").Message(MessageKeys.Fallback), script.Message(MessageKeys.Fallback));
        Assert.Contains(script.Notes, note => note.StartsWith("The script has no 'fallback' message", StringComparison.Ordinal));
        Assert.Empty(FlowValidator.Validate(script));
    }
}
