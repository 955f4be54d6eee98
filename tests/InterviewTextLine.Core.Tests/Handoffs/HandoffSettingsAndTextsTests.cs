using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Handoffs;
using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Core.Sms;
using InterviewTextLine.Core.Understanding;
using InterviewTextLine.TestKit.Builders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Core.Tests.Handoffs;

/// <summary>
/// The handoff's settings (validated at startup, each bad one named), its office hours, the words that ask for a person
/// and answer the question, the lint over its texts in both languages, and the number's encryption.
/// </summary>
public sealed class HandoffSettingsAndTextsTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static void Start(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddTextLineCore(configuration).BuildServiceProvider();
        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Theory]
    [InlineData("Handoff:Hours", "weekdays 9 to 5", "Handoff:Hours (app setting Handoff__Hours)")]
    [InlineData("Handoff:Hours", "Mon-Fri 17:00-09:00", "Handoff:Hours (app setting Handoff__Hours)")]
    [InlineData("Handoff:Hours", "", "Handoff:Hours (app setting Handoff__Hours)")]
    [InlineData("Handoff:TimeZone", "Mars/Olympus_Mons", "Handoff:TimeZone (app setting Handoff__TimeZone)")]
    [InlineData("Handoff:TimeZone", "", "Handoff:TimeZone (app setting Handoff__TimeZone)")]
    [InlineData("Handoff:Email", "callbacks at example", "Handoff:Email (app setting Handoff__Email)")]
    [InlineData("Handoff:MaxAttempts", "0", "Handoff:MaxAttempts (app setting Handoff__MaxAttempts)")]
    public void A_bad_handoff_setting_stops_startup_naming_it(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?>(LocalDefaults.Values) { [key] = value };

        var exception = Assert.Throws<OptionsValidationException>(() => Start(settings));

        Assert.Contains(named, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_inbox_the_feature_is_off_and_needs_no_time_zone()
    {
        Start(new Dictionary<string, string?>(LocalDefaults.Values) { ["Handoff:Email"] = "", ["Handoff:TimeZone"] = "" });
    }

    [Theory]
    [InlineData("2026-03-02T14:00:00Z", "en", "today")] // Monday 09:00 in New York
    [InlineData("2026-03-02T21:59:00Z", "en", "today")] // Monday 16:59
    [InlineData("2026-03-02T22:00:00Z", "en", "tomorrow from 9am")] // Monday 17:00
    [InlineData("2026-03-06T23:00:00Z", "en", "Monday from 9am")] // Friday 18:00
    [InlineData("2026-03-07T15:00:00Z", "es", "el lunes desde las 9")] // Saturday 10:00
    [InlineData("2026-03-09T11:00:00Z", "en", "today from 9am")] // Monday 07:00, after the switch to daylight time
    public void The_office_hours_say_today_inside_them_and_the_next_opening_outside(string at, string language, string expected)
    {
        var hours = OfficeHours.Parse("Mon-Fri 09:00-17:00", NewYork);

        Assert.Equal(expected, hours.Describe(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), Time(language)));
    }

    [Fact]
    public void Several_windows_and_half_hours_are_read_and_described()
    {
        var hours = OfficeHours.Parse("Mon,Wed 10:30-12:00; Sat 13-15", NewYork);
        var tuesday = new DateTimeOffset(2026, 3, 3, 15, 0, 0, TimeSpan.Zero);
        var friday = new DateTimeOffset(2026, 3, 6, 15, 0, 0, TimeSpan.Zero);

        Assert.Equal("tomorrow from 10:30am", hours.Describe(tuesday, Time("en")));
        Assert.Equal("ma\u00F1ana desde las 10:30", hours.Describe(tuesday, Time("es")));
        Assert.Equal("tomorrow from 1pm", hours.Describe(friday, Time("en")));
        Assert.Equal("ma\u00F1ana desde las 13", hours.Describe(friday, Time("es")));
    }

    [Fact]
    public void No_description_of_any_opening_is_longer_than_the_budget_the_lint_fills_in()
    {
        var longest = 0;
        foreach (var day in new[] { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" })
        {
            var hours = OfficeHours.Parse($"{day} 12:30-13:00", TimeZoneInfo.Utc);
            for (var minutes = 0; minutes < 7 * 24 * 60; minutes += 30)
            {
                var at = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero).AddMinutes(minutes);
                longest = Math.Max(longest, Math.Max(hours.Describe(at, Time("en")).Length, SmsNormalizer.WithoutAccentsGsm7Lacks(hours.Describe(at, Time("es"))).Length));
            }
        }

        Assert.Equal(OfficeHours.MaxPhraseLength, longest);
        Assert.Equal(OfficeHours.MaxPhraseLength, Placeholders.MaxLengths[Placeholders.When]);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Yes please", true)]
    [InlineData("s\u00ED", true)]
    [InlineData("si por favor", true)]
    [InlineData("no", false)]
    [InlineData("No thanks", false)]
    [InlineData("ok", null)]
    [InlineData("thanks", null)]
    [InlineData("yes he offered more", null)]
    public void Only_a_clear_yes_or_no_answers_the_consent_question(string text, bool? expected)
    {
        Assert.Equal(expected, TestKeywords.BuiltIn.Consent(TextReading.Of(text).Words));
    }

    [Theory]
    [InlineData("TALK", Keyword.Talk)]
    [InlineData("HABLAR", Keyword.Talk)]
    [InlineData("CONSEJERA", Keyword.Talk)]
    public void Talk_and_its_single_word_synonyms_are_global_keywords_in_both_languages(string word, Keyword expected)
    {
        Assert.Equal(expected, TestKeywords.BuiltIn.Classify(word, optedOut: false));
        Assert.Equal(Keyword.Talk, TestKeywords.BuiltIn.Plea(TextReading.Of("quiero hablar con una persona por favor").Words));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    public void The_shipped_consent_question_fits_one_segment_with_the_longest_settings_and_names_the_program_when_and_forget(string language)
    {
        var script = FlowLoader.LoadEmbedded(language);
        var consent = script.Message(MessageKeys.TalkConsent);

        Assert.Equal(1, FlowValidator.SegmentsWithLongestSettings(consent).Count);
        Assert.Contains("{ProgramName}", consent, StringComparison.Ordinal);
        Assert.Contains("{When}", consent, StringComparison.Ordinal);
        Assert.Contains(script.CommandWord("FORGET"), consent, StringComparison.Ordinal);
        Assert.Empty(FlowValidator.Validate(script));
    }

    [Theory]
    [InlineData("en", " Reply YES to share it.", "Message 'talkConsent' takes 2 SMS segments")]
    [InlineData("es", " Responde SI para compartirlo.", "Message 'talkConsent' takes 2 SMS segments")]
    [InlineData("en", "!FORGET", "Message 'talkConsent' must say that FORGET cannot recall")]
    [InlineData("es", "!BORRAR", "Message 'talkConsent' must say that BORRAR cannot recall")]
    public void The_lint_holds_the_consent_question_to_one_segment_and_to_naming_forget(string language, string change, string problem)
    {
        var script = FlowLoader.LoadEmbedded(language);
        var consent = script.Message(MessageKeys.TalkConsent);
        var changed = change.StartsWith('!') ? consent.Replace(change[1..], "it", StringComparison.Ordinal) : consent + change;
        var edited = script with { Messages = script.Messages.ToDictionary(pair => pair.Key, pair => pair.Key == MessageKeys.TalkConsent ? changed : pair.Value) };

        Assert.Contains(FlowValidator.Validate(edited), p => p.StartsWith(problem, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("en", "safety_out", "TALK")]
    [InlineData("es", "safety_out", "HABLAR")]
    [InlineData("en", "done", "TALK")]
    [InlineData("es", "done", "HABLAR")]
    public void The_lint_requires_talk_once_safe_and_in_the_closing(string language, string state, string talk)
    {
        var script = FlowLoader.LoadEmbedded(language);
        var edited = script with
        {
            States = [.. script.States.Select(s => s.Id == state ? s with { Text = s.Text.Replace(talk, "MENU", StringComparison.Ordinal) } : s)],
        };

        Assert.Contains(FlowValidator.Validate(edited), p => p == $"State '{state}' text must offer {talk}: a person helps most there.");
    }

    [Fact]
    public void The_number_is_encrypted_for_one_request_and_only_the_same_key_reads_it()
    {
        var protector = new NumberProtector(Options.Create(new PrivacyOptions { PhoneHashKey = LocalDefaults.DevelopmentOnlyPhoneHashKey }));
        var other = new NumberProtector(Options.Create(new PrivacyOptions { PhoneHashKey = Convert.ToBase64String(new byte[32]) }));

        var sealedNumber = protector.Protect("+15555550100", "request-1");

        Assert.DoesNotContain("5555550100", sealedNumber, StringComparison.Ordinal);
        Assert.NotEqual(sealedNumber, protector.Protect("+15555550100", "request-1"));
        Assert.Equal("+15555550100", protector.Unprotect(sealedNumber, "request-1"));
        Assert.Null(protector.Unprotect(sealedNumber, "request-2"));
        Assert.Null(other.Unprotect(sealedNumber, "request-1"));
        Assert.Null(protector.Unprotect("v1.not base64!", "request-1"));
    }

    private static TimeWords Time(string language) => FlowLoader.LoadEmbedded(language).Words.Time;
}
