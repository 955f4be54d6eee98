using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Privacy;
using Microsoft.Extensions.Logging;

namespace InterviewTextLine.Core.Storage;

/// <summary>What <see cref="OperatorRecords.LookupAsync"/> may say about a number: nothing else is shown.</summary>
/// <param name="Found">True when anything is stored for the number.</param>
/// <param name="OptedOut">True while the number is opted out (STOP).</param>
/// <param name="LastActiveAt">When the number last texted, if a conversation is stored.</param>
/// <param name="EmailPending">True when a summary email is scheduled.</param>
public sealed record TexterLookup(bool Found, bool OptedOut, DateTimeOffset? LastActiveAt, bool EmailPending);

/// <summary>What <see cref="OperatorRecords.ForgetAsync"/> did.</summary>
/// <param name="Found">True when anything was stored for the number.</param>
/// <param name="KeptOptOut">True when the number's opt-out was kept in place of its erased conversation.</param>
public sealed record ForgetOutcome(bool Found, bool KeptOptOut);

/// <summary>
/// An operator's requests about one number (<c>textline lookup</c>, <c>textline forget</c>): an erasure request, or a
/// complaint that a number that sent STOP still gets texts. The number is hashed with the line's key, as the webhook
/// hashes it, and never stored, logged or counted. Each run is logged as an operator action with an EventId.
/// </summary>
/// <remarks>
/// The opt-out is the record that keeps the line silent to a number that sent STOP, so neither request touches it
/// unless asked: <c>forget</c> leaves an opted-out number opted out (nothing else of it), and only
/// <c>includeOptOut</c> erases that too.
/// </remarks>
public sealed partial class OperatorRecords(
    IConversationStore store,
    PhoneHasher hasher,
    FlowScripts scripts,
    TimeProvider time,
    ILogger<OperatorRecords> logger)
{
    /// <summary>Whether the number is opted out, when it was last active and whether an email is pending.</summary>
    public async Task<TexterLookup> LookupAsync(string number, string lineNumber, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(hasher.Texter(number, lineNumber), cancellationToken);
        LogLookup(stored is not null);
        return stored is { Conversation: var conversation }
            ? new TexterLookup(true, conversation.OptedOut, conversation.LastMessageAt, conversation.FollowUp is { IsScheduled: true })
            : new TexterLookup(false, false, null, false);
    }

    /// <summary>
    /// Erases what is stored for the number (its conversation, follow-up index entries and reply tally), keeping its
    /// opt-out unless <paramref name="includeOptOut"/>.
    /// </summary>
    public async Task<ForgetOutcome> ForgetAsync(string number, string lineNumber, bool includeOptOut, CancellationToken cancellationToken)
    {
        var texter = hasher.Texter(number, lineNumber);
        var stored = await store.ReadAsync(texter, cancellationToken);
        if (stored is { Conversation.OptedOut: true } && !includeOptOut)
        {
            // As FORGET after STOP does: the opt-out alone stays, so the line stays silent to the number.
            var marker = Conversation.Start(scripts.Default.Start, time.GetUtcNow()) with { OptedOut = true };
            await store.ForgetAsync(texter, "operator-" + Guid.NewGuid().ToString("N"), ForgetRemainder.OptOut(marker), cancellationToken);
            LogForgot(found: true, keptOptOut: true);
            return new ForgetOutcome(true, KeptOptOut: true);
        }

        await store.DeleteAsync(texter, cancellationToken);
        LogForgot(stored is not null, keptOptOut: false);
        return new ForgetOutcome(stored is not null, KeptOptOut: false);
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Operator action: lookup of one number (found: {Found})")]
    private partial void LogLookup(bool found);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Operator action: forget of one number (found: {Found}, opt-out kept: {KeptOptOut})")]
    private partial void LogForgot(bool found, bool keptOptOut);
}
