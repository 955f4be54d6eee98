namespace InterviewTextLine.Core.Conversations;

/// <summary>
/// The line's one application service: every edge (the Functions webhook, the local serve host, the
/// chat command) hands it an inbound text and sends back what it returns.
/// </summary>
public interface ITextLineService
{
    Task<LineReply> HandleAsync(InboundText text, CancellationToken cancellationToken);
}

/// <summary>An inbound SMS as the line needs it.</summary>
/// <param name="From">The texter's number (E.164). Hashed before it reaches storage; never logged.</param>
/// <param name="To">The line's number (E.164).</param>
/// <param name="Body">The message text; may be empty (for example a picture without text).</param>
/// <param name="MessageId">The provider's message id (Twilio's MessageSid), the idempotency key.</param>
/// <param name="MediaCount">How many media items (pictures) came with the message.</param>
public sealed record InboundText(string From, string To, string? Body, string MessageId, int MediaCount = 0)
{
    /// <summary>
    /// Twilio's <c>OptOutType</c> field (<c>STOP</c>, <c>START</c> or <c>HELP</c>), present when a Messaging Service's
    /// Advanced Opt-Out recognised the text as one of its keywords and answered it itself; null otherwise.
    /// </summary>
    public string? OptOutType { get; init; }

    /// <summary>True when Twilio has already sent its HELP reply to this text (<see cref="OptOutType"/> <c>HELP</c>).</summary>
    public bool IsHelpTwilioAnswered => string.Equals(OptOutType?.Trim(), "HELP", StringComparison.OrdinalIgnoreCase);
}

/// <summary>What the line sends back: one SMS text, or nothing.</summary>
public sealed record LineReply(string? Text)
{
    /// <summary>The state the texter is in after this text, where known (not for a re-delivery or after FORGET).</summary>
    public string? State { get; init; }

    /// <summary>The situation the texter is in after this text, or null (at the menu, or not known).</summary>
    public string? Situation { get; init; }

    /// <summary>True when the line said nothing because the number is past its reply cap.</summary>
    public bool Capped { get; init; }

    /// <summary>Say nothing (for example after STOP, when the carrier confirms the opt-out itself).</summary>
    public static LineReply None { get; } = new((string?)null);

    public bool IsSilent => Text is null;
}
