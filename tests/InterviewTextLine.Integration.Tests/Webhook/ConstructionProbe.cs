using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewTextLine.Integration.Tests.Webhook;

/// <summary>
/// Records when a host builds its singletons: each registration wrapped here notes its type's name once the
/// service is constructed, so a test can tell what was built at startup and what a request would have built.
/// </summary>
internal sealed class ConstructionProbe
{
    public ConcurrentQueue<string> Built { get; } = new();

    /// <summary>Wraps the registration of <typeparamref name="T"/> that the container would use (the last one).</summary>
    public ConstructionProbe Watch<T>(IServiceCollection services)
        where T : class
    {
        var original = services.Last(descriptor => descriptor.ServiceType == typeof(T));
        services.Add(ServiceDescriptor.Singleton<T>(provider =>
        {
            var service = original switch
            {
                { ImplementationInstance: T instance } => instance,
                { ImplementationFactory: { } factory } => (T)factory(provider),
                _ => (T)ActivatorUtilities.CreateInstance(provider, original.ImplementationType!),
            };
            Built.Enqueue(typeof(T).Name);
            return service;
        }));
        return this;
    }
}
