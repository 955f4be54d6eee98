using InterviewTextLine.Core.FollowUps;

namespace InterviewTextLine.TestKit.FollowUps;

/// <summary>Renders a summary as its subject, for tests of when and whether an email goes, not of what it says.</summary>
public sealed class StubFollowUpRenderer : IFollowUpRenderer
{
    public RenderedEmail Render(FollowUpSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new RenderedEmail("<p>" + summary.Subject + "</p>", summary.Subject);
    }
}
