namespace InterviewTextLine.Core.Conversations;

/// <summary>
/// The count of the reply cap's current window (<see cref="Configuration.LimitsOptions"/>): when it opened, when it
/// closes, and the replies and HELP replies sent in it. A conversation carries it in its own fields; FORGET leaves it
/// behind on its own (<see cref="Storage.ForgetRemainder"/>), so that erasing a conversation cannot reset the cap.
/// </summary>
/// <param name="Since">When the window opened (its first reply).</param>
/// <param name="Until">When the window closes; after that the tally counts for nothing and may be deleted.</param>
/// <param name="Replies">Replies sent in the window.</param>
/// <param name="HelpReplies">Of those, replies to HELP.</param>
public sealed record ReplyTally(DateTimeOffset Since, DateTimeOffset Until, int Replies, int HelpReplies);
