namespace InterviewTextLine.Core.FollowUps;

/// <summary>A rendered follow-up email, ready for an <see cref="IEmailSender"/>.</summary>
/// <param name="Id">A random id for this email: names outbox files and ties log lines together.</param>
/// <param name="To">The texter's address. Never logged.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Html">The HTML part; every configurable or user-provided string in it is encoded.</param>
/// <param name="Text">The plain-text part.</param>
/// <param name="Headers">Extra headers, such as <c>List-Unsubscribe</c>.</param>
public sealed record FollowUpEmail(
    string Id,
    string To,
    string Subject,
    string Html,
    string Text,
    IReadOnlyDictionary<string, string> Headers);

/// <summary>Turns a <see cref="FollowUpSummary"/> into the two parts of an email.</summary>
public interface IFollowUpRenderer
{
    RenderedEmail Render(FollowUpSummary summary);
}

/// <summary>The HTML and plain-text parts of an email.</summary>
public sealed record RenderedEmail(string Html, string Text);
