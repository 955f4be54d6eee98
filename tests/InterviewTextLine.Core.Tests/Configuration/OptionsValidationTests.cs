using InterviewTextLine.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Core.Tests.Configuration;

public sealed class OptionsValidationTests
{
    private static void Start(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddTextLineCore(configuration).BuildServiceProvider();
        services.GetRequiredService<IStartupValidator>().Validate();
    }

    private static Dictionary<string, string?> Valid() => new(LocalDefaults.Values);

    [Fact]
    public void The_local_defaults_start()
    {
        Start(Valid());
    }

    [Fact]
    public void A_program_name_of_the_longest_allowed_length_starts()
    {
        var settings = Valid();
        settings["Program:Name"] = new string('N', ProgramOptions.MaxNameLength);
        Start(settings);
    }

    [Theory]
    [InlineData("Program:Name", "", "Program:Name (app setting Program__Name)")]
    [InlineData("Privacy:PhoneHashKey", "short", "Privacy:PhoneHashKey (app setting Privacy__PhoneHashKey)")]
    [InlineData("Program:Url", "not a url", "Program:Url")]
    [InlineData("Program:Name", "Caf\u00e9 \u201cCareers\u201d", "Program:Name")]
    [InlineData("Conversation:ExpiryHours", "0", "Conversation:ExpiryHours")]
    [InlineData("Program:EmergencyNumber", "call 911", "Program:EmergencyNumber")]
    [InlineData("Program:Name", "Acme State University Careers 1", "Program:Name")]
    public void A_bad_setting_stops_startup_with_a_message_naming_it(string key, string value, string named)
    {
        var settings = Valid();
        settings[key] = value;
        var exception = Assert.Throws<OptionsValidationException>(() => Start(settings));
        Assert.Contains(named, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unresolved_key_vault_reference_stops_startup()
    {
        var settings = Valid();
        settings["Privacy:PhoneHashKey"] = "@Microsoft.KeyVault(SecretUri=https://kv-abc.vault.azure.net/secrets/phone-hash-key)";
        var exception = Assert.Throws<OptionsValidationException>(() => Start(settings));
        Assert.Contains("Privacy__PhoneHashKey", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Key Vault reference did not resolve", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_setting_is_named()
    {
        var settings = Valid();
        settings.Remove("Program:HelpContact");
        var exception = Assert.Throws<OptionsValidationException>(() => Start(settings));
        Assert.Contains("Program__HelpContact", exception.Message, StringComparison.Ordinal);
    }
}
