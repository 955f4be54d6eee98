using System.Diagnostics.Metrics;
using InterviewTextLine.Core.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewTextLine.TestKit.Builders;

/// <summary>The line's metrics for tests that build a component by hand, each on a meter factory of its own.</summary>
public static class TestMetrics
{
    public static TextLineMetrics Create() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
}
