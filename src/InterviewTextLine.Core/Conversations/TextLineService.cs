using System.Diagnostics;
using InterviewTextLine.Core.Diagnostics;
using InterviewTextLine.Core.Handoffs;
using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Core.Storage;
using Microsoft.Extensions.Logging;

namespace InterviewTextLine.Core.Conversations;

/// <summary>
/// Handles one inbound text: finds the texter's conversation, lets the line decide in the texter's language
/// (<see cref="LineLanguages"/>), and stores the outcome. The common path is one read and one atomic write; a
/// re-delivered message gets its first reply back; concurrent texts from one number are serialized by ETags and
/// retried. A stored conversation that cannot be read is a fresh start, and the save replaces it.
/// </summary>
public sealed partial class TextLineService(
    LineLanguages languages,
    IConversationStore store,
    DecisionWriter writer,
    IAddressClaims claims,
    HandoffRecorder handoffs,
    PhoneHasher hasher,
    TimeProvider time,
    TextLineMetrics metrics,
    InsightCounter insights,
    ILogger<TextLineService> logger) : ITextLineService
{
    /// <summary>Attempts before a burst of concurrent texts from one number is given up on.</summary>
    public const int MaxAttempts = 25;

    public async Task<LineReply> HandleAsync(InboundText text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(text.MessageId);
        using var activity = TextLineTracing.Source.StartActivity("textline.text");
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await HandleOnceAsync(text, cancellationToken);
        }
        finally
        {
            metrics.HandlerDuration(Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<LineReply> HandleOnceAsync(InboundText text, CancellationToken cancellationToken)
    {
        if (text.IsHelpTwilioAnswered)
        {
            return HelpAnsweredByTwilio();
        }

        var texter = hasher.Texter(text.From, text.To);
        var tag = TexterTag.For(texter, time.GetUtcNow());
        var unreadableCounted = false;

        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await store.ReadForMessageAsync(texter, text.MessageId, cancellationToken);
            if (snapshot.Receipt is { } receipt)
            {
                LogDuplicate(tag);
                metrics.TextHandled(TextOutcome.Duplicate);
                return new LineReply(receipt.Reply);
            }

            if (snapshot.Unreadable && !unreadableCounted)
            {
                // No texter tag or column: the row says nothing worth following, and the store logged why (4005).
                unreadableCounted = true;
                LogUnreadable();
                metrics.UnreadableConversation();
            }

            var now = time.GetUtcNow();
            var classifyStarted = Stopwatch.GetTimestamp();
            var decision = languages.Decide(snapshot.Conversation, text.Body, text.MediaCount, now, snapshot.Tally);
            metrics.ClassifyDuration(Stopwatch.GetElapsedTime(classifyStarted));
            decision = await ClaimAddressAsync(texter, decision, now, cancellationToken);
            decision = await handoffs.QueueAsync(texter, text, decision, now, cancellationToken);
            try
            {
                if (!await writer.ApplyAsync(texter, decision, snapshot.ETag, new MessageReceipt(text.MessageId, decision.Reply, now), cancellationToken))
                {
                    // A FORGET carried out before: its confirmation again, and nothing erased a second time.
                    LogDuplicate(tag);
                    metrics.TextHandled(TextOutcome.Duplicate);
                    return new LineReply(decision.Reply);
                }

                return await AfterSaveAsync(snapshot.Conversation, decision, tag, now, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                LogConflict(tag, attempt);
                metrics.StorageConflict();
                // Another text from the same number won the race; back off a little so a burst spreads out.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Twilio's Advanced Opt-Out has sent the HELP reply the operator set (docs/webhook.md): a second one from the line
    /// would only repeat it, so this text changes nothing and is not read from storage at all.
    /// </summary>
    private LineReply HelpAnsweredByTwilio()
    {
        LogHelpAnsweredByTwilio();
        metrics.Help();
        metrics.TextHandled(TextOutcome.ReplyOnly);
        return LineReply.None;
    }

    /// <summary>Once <paramref name="decision"/> is stored: the handoff's next step, the log line, the counts and the reply.</summary>
    private async Task<LineReply> AfterSaveAsync(Conversation? before, Decision decision, TexterTag tag, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await handoffs.AfterSaveAsync(before, decision, cancellationToken);
        LogHandled(tag, decision.Kind, decision.Next?.StateId ?? "-");
        Count(before, decision);
        insights.Count(before, decision, now);
        var kept = decision.Kind == DecisionKind.Forget ? null : decision.Next ?? before;
        var after = kept?.StateId;
        return new LineReply(decision.Reply)
        {
            State = after,
            // The situation as the engine of the texter's language names it: the one that decided.
            Situation = kept is null ? null : languages.For(kept.Language).SituationOf(kept.StateId),
            Capped = decision.Kind == DecisionKind.Capped,
        };
    }

    /// <summary>
    /// An address gets one summary a day, whatever number gives it and however often it sends FORGET: a decision that
    /// schedules one to a new address claims it first, and gets the refusal instead when another conversation holds
    /// it. The claim comes before the save, so a save that fails or loses a race leaves a claim that the retry (the
    /// same conversation) holds already.
    /// </summary>
    private async Task<Decision> ClaimAddressAsync(TexterId texter, Decision decision, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (decision is not { AddressToClaim: { } address, Next: { } next, IfAddressTaken: { } taken })
        {
            return decision;
        }

        var claimed = await claims.TryClaimAddressAsync(
            hasher.Address(address), AddressClaimant.Of(texter, next.StartedAt), now, now + ConversationEngine.AddressClaimDuration, cancellationToken);
        return claimed ? decision : taken;
    }

    /// <summary>Counts what one stored decision did; only script ids and fixed words become tags.</summary>
    private void Count(Conversation? before, Decision decision)
    {
        var next = decision.Next;
        if (decision.Limit is { } limit)
        {
            LogLimit(limit);
            metrics.LimitReached(limit);
        }

        if (decision.HandoffStep is { } step)
        {
            metrics.Handoff(step switch
            {
                HandoffStep.Asked => HandoffOutcome.Asked,
                HandoffStep.Consented => HandoffOutcome.Consented,
                HandoffStep.Declined => HandoffOutcome.Declined,
                HandoffStep.Refused => HandoffOutcome.Refused,
                _ => HandoffOutcome.ContactOnly,
            });
        }

        metrics.TextHandled(decision.Kind switch
        {
            DecisionKind.Ignore => TextOutcome.IgnoredOptedOut,
            DecisionKind.Capped => TextOutcome.Capped,
            DecisionKind.Forget => TextOutcome.Forgotten,
            DecisionKind.Save when next is not null && next.StateId != before?.StateId => TextOutcome.Advanced,
            _ => TextOutcome.ReplyOnly,
        });
        if (before is null && decision.Kind is DecisionKind.Save or DecisionKind.Forget)
        {
            metrics.NewTexter();
        }

        if (decision.Meaning is { } meaning)
        {
            metrics.Understanding(meaning.IsUnderstood ? UnderstandingResult.Understood
                : meaning.Kind == Understanding.MeaningKind.Clarify ? UnderstandingResult.Clarifying
                : UnderstandingResult.NotUnderstood);
            if (meaning is { Command: Keyword.Help })
            {
                metrics.Help();
            }
        }

        CountChanges(before, decision);
    }

    /// <summary>Counts what changed between <paramref name="before"/> and the stored decision: the opt-out, the situation, the follow-up.</summary>
    private void CountChanges(Conversation? before, Decision decision)
    {
        var next = decision.Next;
        var wasOptedOut = before?.OptedOut ?? false;
        if (next is not null && next.OptedOut != wasOptedOut)
        {
            if (next.OptedOut)
            {
                metrics.OptOut();
            }
            else
            {
                metrics.OptIn();
            }
        }

        if (next is not null && next.StateId != before?.StateId && languages.Default.SituationStartingAt(next.StateId) is { } situation)
        {
            metrics.SituationEntered(situation);
        }

        var wasScheduled = before?.FollowUp is { IsScheduled: true };
        var isScheduled = decision.Kind == DecisionKind.Save ? next?.FollowUp is { IsScheduled: true } : decision.Kind != DecisionKind.Forget && wasScheduled;
        if (isScheduled != wasScheduled)
        {
            metrics.FollowUp(isScheduled ? FollowUpOutcome.Scheduled : FollowUpOutcome.Cancelled);
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Texter {Texter}: {Decision}, now in state {State}")]
    private partial void LogHandled(TexterTag texter, DecisionKind decision, string state);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Texter {Texter}: message already handled; replying with the first reply")]
    private partial void LogDuplicate(TexterTag texter);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug, Message = "Texter {Texter}: concurrent update on attempt {Attempt}; retrying")]
    private partial void LogConflict(TexterTag texter, int attempt);

    // No texter tag: a cap says something about the line's use, not about a person worth following.
    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "A text ran into the {Limit} cap")]
    private partial void LogLimit(LimitKind limit);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "A stored conversation could not be read; its texter starts afresh and the row is replaced")]
    private partial void LogUnreadable();

    [LoggerMessage(EventId = 1106, Level = LogLevel.Information, Message = "A HELP that Twilio answered itself (OptOutType HELP) got no second reply")]
    private partial void LogHelpAnsweredByTwilio();
}
