using System.Reflection;

namespace InterviewTextLine.Integration.Tests.Webhook;

/// <summary>An implementation of a port that fails the test on any call: proof that code never touched it.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1852", Justification = "DispatchProxy cannot create a proxy from a sealed type.")]
internal class Untouchable<T> : DispatchProxy
    where T : class
{
    public static T Create() => Create<T, Untouchable<T>>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        throw new InvalidOperationException($"{typeof(T).Name}.{targetMethod?.Name} must not be called here.");
}
