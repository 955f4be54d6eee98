using System.Globalization;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Sms;
using InterviewTextLine.Core.Understanding;

namespace InterviewTextLine.Core.Conversations;

/// <remarks>
/// The limits: what input the line cannot use, and the caps of <see cref="Configuration.LimitsOptions"/> that
/// keep one number from running up the SMS or email bill, with EMAIL, the command the email caps shape, and the
/// words for the follow-up's delay its confirmation gives. Every cap is decided from the stored conversation,
/// like everything else the engine decides, so it holds however many instances serve the webhook.
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
    /// except the keywords that must always work: STOP (which says nothing anyway), HELP and FORGET.
    /// </summary>
    private Decision CapReplies(Decision decision, DateTimeOffset now)
    {
        if (decision.Kind != DecisionKind.Save || decision.Reply is null)
        {
            return decision;
        }

        var next = decision.Next!;
        var (since, replies) = Window(next, now);
        if (replies >= _limits.RepliesPerNumber && !AlwaysAnswered(decision.Meaning))
        {
            return Capped(decision.Meaning);
        }

        return decision with { Next = next with { RepliesSince = since, Replies = replies + 1 } };
    }

    /// <summary>
    /// True when <paramref name="stored"/> has had its replies for the current window: its next text is answered only
    /// if it is a keyword that must always work, or danger.
    /// </summary>
    public bool IsCapped(Conversation? stored, DateTimeOffset now) =>
        stored is not null && Window(stored, now).Replies >= _limits.RepliesPerNumber;

    private (DateTimeOffset Since, int Replies) Window(Conversation conversation, DateTimeOffset now) =>
        conversation.RepliesSince is { } start && now - start < _limits.ReplyWindow
            ? (start, conversation.Replies)
            : (now, 0);

    private static Decision Capped(Meaning? meaning) =>
        new(DecisionKind.Capped, null, null) { Meaning = meaning, Limit = LimitKind.Replies };

    /// <summary>What is answered past the reply cap: the keywords that must always work, and danger.</summary>
    private bool AlwaysAnswered(Meaning? meaning) =>
        meaning is { Kind: MeaningKind.Command, Value: "HELP" or "FORGET" or "OPTOUT" }
        || (meaning is { Kind: MeaningKind.Situation } && meaning.Value == _script.Urgent);

    /// <summary>
    /// The email caps: one summary per conversation (a summary sent since it started means no other until the
    /// conversation has been idle for <see cref="Configuration.ConversationOptions.ExpiryHours"/> or was
    /// forgotten), and at most <see cref="Configuration.LimitsOptions.AddressesPerConversation"/> addresses.
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

        if (EmailLimit(current, address) is { } limit)
        {
            return Save(current, now, Message(MessageKeys.EmailLimit)) with { Limit = limit };
        }

        var followUp = FollowUp.Schedule(current.FollowUp, now + _followUpDelay);
        var next = current with
        {
            Email = address,
            FollowUp = followUp,
            LastMessageAt = now,
            AddressesGiven = current.AddressesGiven + (string.Equals(address, current.Email, StringComparison.OrdinalIgnoreCase) ? 0 : 1),
        };
        return new Decision(DecisionKind.Save, next, Message(MessageKeys.EmailSaved), followUp.IndexEntryToAdd(current.FollowUp));
    }

    /// <summary>"3 hours", "3 horas": the follow-up delay in the script's language.</summary>
    internal static string DescribeDelay(TimeSpan delay, string language)
    {
        var (minute, hour, day) = language == "es" ? ("minuto", "hora", "d\u00EDa") : ("minute", "hour", "day");
        return delay switch
        {
            { TotalMinutes: < 90 } => Plural((int)Math.Round(delay.TotalMinutes), minute),
            { TotalHours: < 48 } => Plural((int)Math.Round(delay.TotalHours), hour),
            _ => Plural((int)Math.Round(delay.TotalDays), day),
        };
    }

    private static string Plural(int count, string unit) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + unit + (count == 1 ? "" : "s");
}
