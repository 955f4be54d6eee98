using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InterviewTextLine.Core.Languages;

public static class LanguageServiceCollectionExtensions
{
    /// <summary>
    /// Registers a language the line speaks. The first language registered is the line's default; a code registered
    /// twice stops the host when the languages are first asked for.
    /// </summary>
    public static IServiceCollection AddLanguage(this IServiceCollection services, LanguageProfile profile)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(profile);
        services.AddSingleton(profile);
        services.TryAddSingleton(provider => new LanguageRegistry(provider.GetServices<LanguageProfile>()));
        return services;
    }

    /// <summary>
    /// Registers the languages that ship with the app (<see cref="BuiltInLanguages"/>), each unless a language with its
    /// code is registered already: the one place they are registered.
    /// </summary>
    public static IServiceCollection AddBuiltInLanguages(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registered = services
            .Where(service => service.ServiceType == typeof(LanguageProfile) && service.ImplementationInstance is LanguageProfile)
            .Select(service => ((LanguageProfile)service.ImplementationInstance!).Code)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var profile in BuiltInLanguages.All.Where(profile => !registered.Contains(profile.Code)))
        {
            services.AddLanguage(profile);
        }

        return services;
    }
}
