using System.Text.Json.Serialization;

namespace InterviewTextLine.Understanding;

/// <summary>
/// The four numbers that turn the classifier's probabilities into what the line does. Each is chosen by
/// cross-validation on the training split (<c>textline train</c>, <c>textline eval --tune</c>), never on the
/// evaluation split, and ships beside its model.
/// </summary>
/// <param name="Act">The line gives a situation's advice at this probability; also for two situations together, when the text holds both.</param>
/// <param name="Safety">Danger at this probability gets the safety advice, even when something else is likelier: chosen for full recall at the fewest false alarms.</param>
/// <param name="Present">A situation at this probability is taken to be present in the text: of two present together, the weightier gets the advice and the other is named after it, and two of the same weight get one question back.</param>
/// <param name="Reply">The line takes a text for one of the state's replies or a command ("she said weekends aren't negotiable" for NO) at this probability. A reply moves the texter within advice they already have, so it may need less certainty than new advice.</param>
public sealed record DecisionPolicy(
    [property: JsonPropertyName("act")] double Act,
    [property: JsonPropertyName("safety")] double Safety,
    [property: JsonPropertyName("present")] double Present,
    [property: JsonPropertyName("reply")] double Reply)
{
    /// <summary>Every threshold between 0 and 1, and a situation present only below acting on it.</summary>
    [JsonIgnore]
    public bool IsValid => Act is > 0 and <= 1 && Safety is > 0 and <= 1 && Present is > 0 and <= 1 && Reply is > 0 and <= 1 && Present <= Act;

    public override string ToString() =>
        FormattableString.Invariant($"act {Act:0.00}, safety {Safety:0.00}, present {Present:0.00}, reply {Reply:0.00}");
}
