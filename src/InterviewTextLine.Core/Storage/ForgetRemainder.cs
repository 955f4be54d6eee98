using InterviewTextLine.Core.Conversations;

namespace InterviewTextLine.Core.Storage;

/// <summary>
/// What FORGET leaves in place of the conversation it erases: nothing, or only what a cap or an opt-out needs.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Tally"/>: the count of the reply cap's current window, alone, until the window closes. Without it
/// FORGET would reset the cap, and a number could get a reply to every FORGET it sends.
/// </para>
/// <para>
/// <see cref="OptedOut"/>: for a texter who sent STOP, an opted-out conversation holding nothing else (no state
/// beyond the start, no path, no situations, no address, no follow-up, no receipts; only the opt-out, when it was
/// written and the cap's tally). The line must stay silent to that number until it opts back in, which it can only
/// know from a row.
/// </para>
/// </remarks>
public sealed record ForgetRemainder
{
    private ForgetRemainder(Conversation? optedOut, ReplyTally? tally) => (OptedOut, Tally) = (optedOut, tally);

    /// <summary>Erase the conversation row too.</summary>
    public static ForgetRemainder Nothing { get; } = new(null, null);

    /// <summary>An opted-out conversation that holds nothing else, or null.</summary>
    public Conversation? OptedOut { get; }

    /// <summary>The reply cap's tally, on its own, or null.</summary>
    public ReplyTally? Tally { get; }

    /// <summary>Leaves the reply cap's tally, and nothing else, until <see cref="ReplyTally.Until"/>.</summary>
    public static ForgetRemainder Of(ReplyTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        return new(null, tally);
    }

    /// <summary>Leaves <paramref name="marker"/>, an opted-out conversation that holds nothing but the opt-out and the cap's tally.</summary>
    public static ForgetRemainder OptOut(Conversation marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        if (!marker.OptedOut || marker.Path.Count > 0 || marker.Situations.Count > 0 || marker.Email is not null || marker.FollowUp is not null
            || marker.Situation is not null || marker.Receipts.Count > 0)
        {
            throw new ArgumentException("An opt-out left by FORGET holds nothing but the opt-out and the reply cap's tally.", nameof(marker));
        }

        return new(marker, null);
    }
}
