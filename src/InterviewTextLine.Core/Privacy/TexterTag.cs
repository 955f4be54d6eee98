using InterviewTextLine.Core.Storage;

namespace InterviewTextLine.Core.Privacy;

/// <summary>
/// How logs and listings name a texter, and the only way they do: the first 12 characters of a texter id: enough to tell texters apart in logs and listings, and
/// (being part of a keyed hash) nothing that leads back to a phone number.
/// </summary>
public readonly record struct TexterTag(TexterId Texter)
{
    public const int Length = 12;

    public static implicit operator TexterTag(TexterId texter) => new(texter);

    public override string ToString() => Texter.Value.Length <= Length ? Texter.Value : Texter.Value[..Length];
}
