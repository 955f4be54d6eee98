using InterviewTextLine.Cli.Commands;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Cli.Serve;
using InterviewTextLine.Hosting;
using InterviewTextLine.TestKit.Waiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Integration.Tests.Webhook;

/// <summary><c>textline serve</c>'s settings, startup validation and follow-up schedule.</summary>
public sealed class ServeHostTests
{
    [Fact]
    public async Task Startup_without_a_twilio_auth_token_fails_naming_the_setting()
    {
        var options = new ServeHostOptions { Urls = "http://127.0.0.1:0", ReadMachineSettings = false };
        await using var app = ServeHost.Build(options);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Twilio__AuthToken", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_with_a_five_field_follow_up_schedule_fails_naming_the_setting()
    {
        var options = HermeticOptions();
        options.Settings["FollowUp:Schedule"] = "*/5 * * * *";
        await using var app = ServeHost.Build(options);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("FollowUp:Schedule", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_starts_with_only_the_auth_token_set_using_the_local_defaults()
    {
        await using var app = ServeHost.Build(HermeticOptions());
        await app.StartAsync(TestContext.Current.CancellationToken);

        var program = app.Services.GetRequiredService<IOptions<ProgramOptions>>().Value;

        Assert.Equal(LocalDefaults.Values["Program:Name"], program.Name);
        Assert.Equal(LocalDefaults.Values["Program:HelpContact"], program.HelpContact);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Serve_has_one_warm_up_which_warms_the_understanding_before_its_web_server_listens()
    {
        await using var app = ServeHost.Build(HermeticOptions());

        var hosted = app.Services.GetServices<IHostedService>().ToList();
        var warmUp = Assert.Single(hosted.OfType<InterviewTextLine.Hosting.Webhook.WebhookWarmUp>());
        Assert.DoesNotContain(hosted, service => service != warmUp && service.GetType().Name.EndsWith("WarmUp", StringComparison.Ordinal));
        Assert.Contains(app.Services.GetServices<Core.IWarmUp>(), step => step.GetType().Name == "UnderstandingWarmUp");
        Assert.IsAssignableFrom<IHostedLifecycleService>(warmUp);
    }

    [Fact]
    public async Task Serve_reads_each_language_s_script_once_for_its_whole_start()
    {
        var reader = new CountingScriptReader();
        await using var app = ServeHost.Build(HermeticOptions(), services => services.Replace(ServiceDescriptor.Singleton<Core.Flow.IFlowScriptReader>(reader)));

        await app.StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["en:1", "es:1"], reader.Counts);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Serve_builds_the_line_in_every_language_before_it_takes_a_request()
    {
        var probe = new ConstructionProbe();
        await using var app = ServeHost.Build(HermeticOptions(), services => probe
            .Watch<Core.Conversations.LineLanguages>(services)
            .Watch<Core.Conversations.ITextLineService>(services)
            .Watch<InterviewTextLine.Hosting.Webhook.TwilioSignatureValidator>(services));
        Assert.Empty(probe.Built);

        await app.StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["ITextLineService", "LineLanguages", "TwilioSignatureValidator"], probe.Built.Order(StringComparer.Ordinal));
        Assert.Equal(["en", "es"], app.Services.GetRequiredService<Core.Conversations.LineLanguages>().Engines.Select(engine => engine.Script.Language).Order(StringComparer.Ordinal));
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Local_settings_values_override_the_defaults_and_explicit_settings_override_both()
    {
        var file = Path.Combine(Path.GetTempPath(), $"local.settings.{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """
            {
              "IsEncrypted": false,
              "Values": {
                "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated",
                "Twilio__AuthToken": "from-file",
                "Program__Name": "Career Centre (file)",
                "Conversation:ExpiryHours": 6
              }
            }
            """);
        try
        {
            var options = new ServeHostOptions { Urls = "http://127.0.0.1:0", LocalSettingsFile = file, StorageConnectionString = "UseDevelopmentStorage=true" };
            options.Settings["Program:Name"] = "Career Centre (explicit)";
            var app = ServeHost.Build(options);

            Assert.Equal("from-file", app.Configuration["Twilio:AuthToken"]);
            Assert.Equal("Career Centre (explicit)", app.Configuration["Program:Name"]);
            Assert.Equal("6", app.Configuration["Conversation:ExpiryHours"]);
            Assert.Equal(LocalDefaults.Values["Program:HelpContact"], app.Configuration["Program:HelpContact"]);
            Assert.Equal("UseDevelopmentStorage=true", app.Configuration["Storage:ConnectionString"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Local_defaults_are_valid_options_and_obviously_local()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(LocalDefaults.Values).Build();
        var program = configuration.GetSection(ProgramOptions.SectionName).Get<ProgramOptions>()!;
        var privacy = configuration.GetSection(PrivacyOptions.SectionName).Get<PrivacyOptions>()!;

        Assert.Empty(Validate(program));
        Assert.Empty(Validate(privacy));
        Assert.Contains("(local)", program.Name, StringComparison.Ordinal);
        Assert.Equal(LocalDefaults.DevelopmentOnlyPhoneHashKey, privacy.PhoneHashKey);
        Assert.Null(PhoneHashKeyValidator.Problem(privacy.PhoneHashKey, inAzure: false));
        Assert.NotNull(PhoneHashKeyValidator.Problem(privacy.PhoneHashKey, inAzure: true));
        Assert.All(LocalDefaults.Values.Keys, key => Assert.Contains(SettingsCatalog.All, setting => $"{setting.Section}:{setting.Key}" == key));
    }

    [Fact]
    public async Task The_follow_up_sweep_runs_on_the_schedule_as_the_clock_moves()
    {
        var time = new TimerWatchingTimeProvider(At(9, 58).AddSeconds(30));
        using var processor = new CountingProcessor(time);
        using var patience = Patience.Start();

        // The handoff off: its schedule's timers would be watched too.
        var options = HermeticOptions();
        options.Settings["Handoff:Email"] = "";
        await using var app = ServeHost.Build(options, services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.AddSingleton<IFollowUpProcessor>(processor);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);

        // Each wait for the next occurrence arms one timer, due at the occurrence; move the clock to just before it,
        // check that nothing ran early, then onto it, and wait for the sweep it sets off.
        DateTimeOffset[] occurrences = [At(10, 0), At(10, 5)];
        for (var run = 0; run < occurrences.Length; run++)
        {
            Assert.Equal(occurrences[run], await time.NextTimerAsync(patience.Token));
            time.SetUtcNow(occurrences[run] - TimeSpan.FromSeconds(1));
            Assert.True(processor.RunTimes.Count == run, "The sweep ran before its time.");
            time.SetUtcNow(occurrences[run]);
            await processor.WaitForRunAsync(patience.Token);
        }

        Assert.Equal(occurrences, processor.RunTimes);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Serve_runs_the_follow_up_schedule_only_when_a_follow_up_processor_is_registered()
    {
        var withFollowUps = ServeHost.Build(HermeticOptions());
        var without = ServeHost.Build(HermeticOptions(), services => services.RemoveAll<IFollowUpProcessor>());

        Assert.Contains(withFollowUps.Services.GetServices<IHostedService>(), service => service.GetType().Name == "FollowUpScheduleService");
        Assert.DoesNotContain(without.Services.GetServices<IHostedService>(), service => service.GetType().Name == "FollowUpScheduleService");
    }

    [Fact]
    public void The_serve_command_takes_urls_and_storage()
    {
        var command = ServeCommand.Create();

        var parsed = command.Parse(["--urls", "http://127.0.0.1:8080", "--storage", "UseDevelopmentStorage=true"]);
        var defaults = command.Parse([]);

        Assert.Empty(parsed.Errors);
        Assert.Equal("http://127.0.0.1:8080", parsed.GetValue<string>("--urls"));
        Assert.Equal("UseDevelopmentStorage=true", parsed.GetValue<string?>("--storage"));
        Assert.Equal(ServeHostOptions.DefaultUrls, defaults.GetValue<string>("--urls"));
    }

    private static DateTimeOffset At(int hour, int minute) => new(2026, 3, 2, hour, minute, 0, TimeSpan.Zero);

    private static ServeHostOptions HermeticOptions()
    {
        var options = new ServeHostOptions { Urls = "http://127.0.0.1:0", ReadMachineSettings = false };
        options.Settings["Twilio:AuthToken"] = "12345";
        return options;
    }

    private static List<System.ComponentModel.DataAnnotations.ValidationResult> Validate(object options)
    {
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true);
        return results;
    }

    private sealed class CountingProcessor(TimeProvider time) : IFollowUpProcessor, IDisposable
    {
        private readonly SemaphoreSlim _ran = new(0);

        public List<DateTimeOffset> RunTimes { get; } = [];

        public Task<FollowUpSweepResult> RunAsync(CancellationToken cancellationToken)
        {
            lock (RunTimes)
            {
                RunTimes.Add(time.GetUtcNow());
            }

            _ran.Release();
            return Task.FromResult(new FollowUpSweepResult([], 0, 0, 0, false));
        }

        public Task WaitForRunAsync(CancellationToken cancellationToken) => _ran.WaitAsync(cancellationToken);

        public void Dispose() => _ran.Dispose();
    }
}
