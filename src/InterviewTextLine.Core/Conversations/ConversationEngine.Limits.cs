using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Sms;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.Core.Understanding;

namespace InterviewTextLine.Core.Conversations;

/// <remarks>
/// The limits: what input the line cannot use, and the caps of <see cref="Configuration.LimitsOptions"/> that
/// keep one number from running up the SMS or email bill, with EMAIL and FORGET, the commands the caps shape, and
/// the words for the follow-up's delay EMAIL's confirmation gives. Every cap is decided from what is stored (the
/// conversation, or the tally a FORGET left in its place), like everything else the engine decides, so it holds
/// however many instances serve the webhook, and FORGET cannot reset it.
/// </remarks>
public sealed partial class ConversationEngine
{
    /// <summary>A control character other than the line breaks and tabs a multi-line text may hold.</summary>
    public static bool IsUnreadable(char c) => char.IsControl(c) && c is not ('\r' or '\n' or '\t');

    private static string? Unusable(string? body, int mediaCount)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return mediaCount > 0 ? MessageKeys.MediaOnly : MessageKeys.Empty;
        }

        if (body.Length > MaxBodyLength)
        {
            return MessageKeys.TooLong;
        }

        // A NUL or another control character is not something a phone sends as text: say it could not be read.
        return body.Any(IsUnreadable) ? MessageKeys.Unknown : null;
    }

    /// <summary>
    /// The reply cap: at most <see cref="Configuration.LimitsOptions.RepliesPerNumber"/> replies in a window of
    /// <see cref="Configuration.LimitsOptions.ReplyWindow"/> that opens with the first reply after the last one
    /// closed. Past it a text is neither answered nor applied (the texter sends it again once the window is over),
    /// except danger, which is always answered, and HELP, which has a cap of its own: at most
    /// <see cref="Configuration.LimitsOptions.HelpPerWindow"/> HELP replies in the same window, past the reply cap
    /// or not. STOP says nothing anyway; FORGET is capped where it is decided (<see cref="Forget"/>).
    /// </summary>
    private Decision CapReplies(Decision decision, DateTimeOffset now)
    {
        if (decision.Kind != DecisionKind.Save || decision.Reply is null)
        {
            return decision;
        }

        var next = decision.Next!;
        var (since, replies, help) = Window(next, now);
        var isHelp = decision.Meaning is { Command: Keyword.Help };
        if (isHelp && help >= _limits.HelpPerWindow)
        {
            return Capped(decision.Meaning, LimitKind.Help);
        }

        if (replies >= _limits.RepliesPerNumber && !isHelp && !IsUrgent(decision.Meaning))
        {
            // An opt-in is the texter's consent, which Twilio has recorded too: it is applied, only not answered.
            return decision.Meaning is { Command: Keyword.OptIn }
                ? decision with { Reply = null, Limit = LimitKind.Replies }
                : Capped(decision.Meaning, LimitKind.Replies);
        }

        return decision with { Next = next with { RepliesSince = since, Replies = replies + 1, HelpReplies = help + (isHelp ? 1 : 0) } };
    }

    /// <summary>
    /// True when the texter has had their replies for the current window: their next text is answered only if it is
    /// HELP (within its own cap), FORGET (which erases, silently), or danger.
    /// </summary>
    /// <param name="stored">The stored conversation, or null.</param>
    /// <param name="now">The current time.</param>
    /// <param name="carried">With no stored conversation: the tally a FORGET left, if any.</param>
    public bool IsCapped(Conversation? stored, DateTimeOffset now, ReplyTally? carried = null)
    {
        var seen = stored ?? Carry(Conversation.Start(_script.Start, now), carried);
        return Window(seen, now).Replies >= _limits.RepliesPerNumber;
    }

    private (DateTimeOffset Since, int Replies, int Help) Window(Conversation conversation, DateTimeOffset now) =>
        conversation.RepliesSince is { } start && now - start < _limits.ReplyWindow
            ? (start, conversation.Replies, conversation.HelpReplies)
            : (now, 0, 0);

    /// <summary>The tally of the reply cap's current window (replies counted up to now).</summary>
    private ReplyTally Tally(Conversation conversation, DateTimeOffset now)
    {
        var (since, replies, help) = Window(conversation, now);
        return new ReplyTally(since, since + _limits.ReplyWindow, replies, help);
    }

    /// <summary>A new conversation that counts in the window a FORGET left behind.</summary>
    private static Conversation Carry(Conversation fresh, ReplyTally? carried) =>
        carried is null
            ? fresh
            : fresh with { RepliesSince = carried.Since, Replies = carried.Replies, HelpReplies = carried.HelpReplies };

    private static Decision Capped(Meaning? meaning, LimitKind limit) =>
        new(DecisionKind.Capped, null, null) { Meaning = meaning, Limit = limit };

    /// <summary>Danger: answered past every cap.</summary>
    private bool IsUrgent(Meaning? meaning) => meaning is { Kind: MeaningKind.Situation } && meaning.Value == _script.Urgent;

    /// <summary>
    /// FORGET: erases everything, always. Only the reply cap's tally stays, until its window closes, so FORGET cannot
    /// reset the cap. The confirmation is a reply like any other: past the cap FORGET erases without one, and when
    /// there is nothing left to erase it does nothing at all, so a number sending FORGET over and over gets a
    /// bounded number of replies and leaves a bounded number of FORGET records.
    /// </summary>
    private Decision Forget(Conversation current, bool nothingStored, DateTimeOffset now)
    {
        var tally = Tally(current, now);
        if (tally.Replies < _limits.RepliesPerNumber)
        {
            return new Decision(DecisionKind.Forget, null, Message(MessageKeys.Forgotten))
            {
                Remainder = ForgetRemainder.Of(tally with { Replies = tally.Replies + 1 }),
            };
        }

        return nothingStored
            ? Capped(Meaning.Of(Keyword.Forget), LimitKind.Replies)
            : new Decision(DecisionKind.Forget, null, null) { Remainder = ForgetRemainder.Of(tally), Limit = LimitKind.Replies };
    }

    /// <summary>
    /// FORGET after STOP: erases everything but the opt-out (with the reply cap's tally), so the line stays silent to
    /// the number until it sends START, and says nothing, as to any text after STOP: Twilio blocks every message to a
    /// number that opted out, so a confirmation would only fail.
    /// </summary>
    private Decision ForgetOptedOut(Conversation current, DateTimeOffset now)
    {
        var (since, replies, help) = Window(current, now);
        var marker = Conversation.Start(_script.Start, now) with
        {
            OptedOut = true,
            RepliesSince = replies > 0 ? since : null,
            Replies = replies,
            HelpReplies = help,
        };
        return new Decision(DecisionKind.Forget, null, null) { Remainder = ForgetRemainder.OptOut(marker) };
    }

    /// <summary>
    /// The email caps of the conversation: one summary per conversation (a summary sent since it started means no
    /// other until the conversation has been idle for <see cref="Configuration.ConversationOptions.ExpiryHours"/> or
    /// was forgotten), and at most <see cref="Configuration.LimitsOptions.AddressesPerConversation"/> addresses. The
    /// cap of the address itself, one summary a day whoever asks (<see cref="AddressClaimDuration"/>), needs storage:
    /// the decision names the address to claim, and what to do if it is taken.
    /// </summary>
    private LimitKind? EmailLimit(Conversation current, string address)
    {
        if (current.FollowUp is { Status: FollowUpStatus.Sent, SentAt: { } sentAt } && sentAt >= current.StartedAt)
        {
            return LimitKind.Summaries;
        }

        var newAddress = !string.Equals(address, current.Email, StringComparison.OrdinalIgnoreCase);
        return newAddress && current.AddressesGiven >= _limits.AddressesPerConversation ? LimitKind.Addresses : null;
    }

    private Decision RequestEmail(Conversation current, string candidate, DateTimeOffset now)
    {
        var problem = EmailAddressCheck.Check(candidate, out var address);
        if (problem != EmailAddressProblem.None)
        {
            var values = new Dictionary<string, string>(_values, StringComparer.Ordinal)
            {
                [Placeholders.Reason] = _script.Message(EmailAddressCheck.MessageKey(problem)),
            };
            return Save(current, now, SmsNormalizer.WithoutAccentsGsm7Lacks(Placeholders.Fill(_script.Message(MessageKeys.EmailInvalid), values)));
        }

        var refused = Save(current, now, Message(MessageKeys.EmailLimit));
        if (EmailLimit(current, address) is { } limit)
        {
            return refused with { Limit = limit };
        }

        var followUp = FollowUp.Schedule(current.FollowUp, now + _followUpDelay);
        var next = current with
        {
            Email = address,
            FollowUp = followUp,
            LastMessageAt = now,
            AddressesGiven = current.AddressesGiven + (string.Equals(address, current.Email, StringComparison.OrdinalIgnoreCase) ? 0 : 1),
        };
        return new Decision(DecisionKind.Save, next, Message(MessageKeys.EmailSaved), followUp.IndexEntryToAdd(current.FollowUp))
        {
            // The address the summary already goes to is this conversation's: only a new one is claimed.
            AddressToClaim = string.Equals(address, current.Email, StringComparison.OrdinalIgnoreCase) ? null : address,
            IfAddressTaken = refused with { Limit = LimitKind.Summaries },
        };
    }

    /// <summary>How long an address that was given a summary is refused to any other conversation: a day.</summary>
    public static TimeSpan AddressClaimDuration { get; } = TimeSpan.FromDays(1);
}
