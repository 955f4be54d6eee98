using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Diagnostics;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Handoffs;
using InterviewTextLine.Core.Languages;
using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Core.Retention;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.Core.Understanding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the conversation core: validated options, the languages that ship with the app (after any the host
    /// registered first with <see cref="LanguageServiceCollectionExtensions.AddLanguage"/>), the flow scripts
    /// (validated at startup), an engine per language over the registered <see cref="ITextUnderstanding"/>, the phone hasher, the
    /// application service, the line's metrics, the retention sweep, the system clock (the one registration of
    /// <see cref="TimeProvider"/>; a host that needs another registers it first) and, unless a real
    /// store is registered, the in-memory store.
    /// </summary>
    public static IServiceCollection AddTextLineCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<ProgramOptions>(configuration);
        services.AddValidatedOptions<ConversationOptions>(configuration);
        services.AddValidatedOptions<PrivacyOptions>(configuration);
        services.AddValidatedOptions<FollowUpOptions>(configuration);
        services.AddValidatedOptions<LimitsOptions>(configuration);
        services.AddValidatedOptions<FlowOptions>(configuration);
        services.AddValidatedOptions<HandoffOptions>(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.AddTextLineMetrics();
        services.AddFlowScripts();
        // The understanding (ITextUnderstanding) is the host's to add: the understanding project's AddTextUnderstanding.
        services.TryAddSingleton<EngineFactory>();
        services.TryAddSingleton(provider => CreateLanguages(provider));
        services.TryAddSingleton<ScriptSwitcher>();
        services.TryAddSingleton(provider => provider.GetRequiredService<LineLanguages>().Default);
        services.TryAddSingleton<PhoneHasher>();
        services.TryAddSingleton<DecisionWriter>();
        services.TryAddSingleton<NumberProtector>();
        services.TryAddSingleton<HandoffRecorder>();
        services.TryAddSingleton<InsightCounter>();
        services.TryAddSingleton<OperatorRecords>();
        services.TryAddSingleton<ITextLineService, TextLineService>();
        services.TryAddSingleton<RetentionSweeper>();
        services.TryAddSingleton<IRetentionSweeper>(provider => provider.GetRequiredService<RetentionSweeper>());

        // One instance behind the five storage contracts, unless a real store is registered.
        services.TryAddSingleton<InMemoryConversationStore>();
        services.TryAddSingleton<IConversationStore>(provider => provider.GetRequiredService<InMemoryConversationStore>());
        services.TryAddSingleton<IFollowUpIndex>(provider => provider.GetRequiredService<InMemoryConversationStore>());
        services.TryAddSingleton<IRetentionScan>(provider => provider.GetRequiredService<InMemoryConversationStore>());
        services.TryAddSingleton<IAddressClaims>(provider => provider.GetRequiredService<InMemoryConversationStore>());
        services.TryAddSingleton<IHandoffOutbox>(provider => provider.GetRequiredService<InMemoryConversationStore>());
        return services;
    }

    /// <summary>
    /// Registers the languages that ship with the app (after any registered before), and the script of every
    /// registered language (<see cref="FlowScripts"/>) and the default one, each read and linted
    /// once (<see cref="ConfiguredScripts"/>) for both the startup validation of <see cref="FlowOptions"/> and the
    /// line; what reads the scripts without the engines (the follow-up and handoff emails) needs nothing more.
    /// </summary>
    public static IServiceCollection AddFlowScripts(this IServiceCollection services)
    {
        services.AddBuiltInLanguages();
        services.TryAddSingleton<IFlowScriptReader, FlowScriptReader>();
        services.TryAddSingleton<ConfiguredScripts>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FlowOptions>, FlowScriptsValidator>());
        services.TryAddSingleton(provider => new LanguageRegistry(provider.GetServices<LanguageProfile>()));
        services.TryAddSingleton(provider => new FlowScripts(provider.GetRequiredService<ConfiguredScripts>().All(
            provider.GetRequiredService<IOptions<FlowOptions>>().Value.Sources(provider.GetRequiredService<LanguageRegistry>()))));
        services.TryAddSingleton(provider => provider.GetRequiredService<FlowScripts>().Default);
        return services;
    }

    /// <summary>One engine per script, each reading texts with its language's understander.</summary>
    private static LineLanguages CreateLanguages(IServiceProvider provider)
    {
        if (provider.GetService<ITextUnderstanding>() is null)
        {
            throw new InvalidOperationException("The line has no understanding registered: call AddTextUnderstanding().");
        }

        var factory = provider.GetRequiredService<EngineFactory>();
        var scripts = provider.GetRequiredService<FlowScripts>();
        return new LineLanguages([.. scripts.All.Select(script => factory.Create(script, scripts.Keywords))], factory.Detector);
    }

    /// <summary>
    /// Registers <see cref="TextLineMetrics"/> once, on the host's meter factory (added for the plain service
    /// collections of tests and the CLI, which have none).
    /// </summary>
    public static IServiceCollection AddTextLineMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<TextLineMetrics>();
        services.TryAddSingleton<InsightMetrics>();
        return services;
    }

    /// <summary>
    /// Puts one store behind the five storage contracts (<see cref="IConversationStore"/>,
    /// <see cref="IFollowUpIndex"/>, <see cref="IRetentionScan"/>, <see cref="IAddressClaims"/>,
    /// <see cref="IHandoffOutbox"/>), replacing whatever stood there.
    /// </summary>
    public static IServiceCollection ReplaceConversationStorage<TStore>(this IServiceCollection services, Func<IServiceProvider, TStore> store)
        where TStore : class, IConversationStore, IFollowUpIndex, IRetentionScan, IAddressClaims, IHandoffOutbox
    {
        ArgumentNullException.ThrowIfNull(store);
        services.Replace(ServiceDescriptor.Singleton(store));
        services.Replace(ServiceDescriptor.Singleton<IConversationStore>(provider => provider.GetRequiredService<TStore>()));
        services.Replace(ServiceDescriptor.Singleton<IFollowUpIndex>(provider => provider.GetRequiredService<TStore>()));
        services.Replace(ServiceDescriptor.Singleton<IRetentionScan>(provider => provider.GetRequiredService<TStore>()));
        services.Replace(ServiceDescriptor.Singleton<IAddressClaims>(provider => provider.GetRequiredService<TStore>()));
        services.Replace(ServiceDescriptor.Singleton<IHandoffOutbox>(provider => provider.GetRequiredService<TStore>()));
        return services;
    }

    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to its <see cref="SettingsSectionAttribute"/> section and
    /// validates its data annotations when the host starts, so a bad setting stops startup with a
    /// message that names it.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, IConfiguration configuration)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = typeof(TOptions).GetCustomAttributes(typeof(SettingsSectionAttribute), false) is [SettingsSectionAttribute attribute]
            ? attribute.Name
            : throw new InvalidOperationException($"{typeof(TOptions).Name} has no [SettingsSection].");
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(new SettingsValidator<TOptions>(section)));
        return services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(section))
            .ValidateOnStart();
    }
}
