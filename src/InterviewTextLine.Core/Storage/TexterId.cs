namespace InterviewTextLine.Core.Storage;

/// <summary>
/// A texter's storage key: the lower-case hex HMAC-SHA256 of their number and the line's number
/// (see <see cref="Privacy.PhoneHasher"/>). Never a phone number.
/// </summary>
public readonly record struct TexterId(string Value)
{
    public override string ToString() => Value;
}
