using System.Text.Json.Serialization;

namespace InterviewTextLine.Understanding;

/// <summary>
/// The four numbers that turn the classifier's probabilities into what the line does. Each is chosen by
/// cross-validation on the training split (<c>textline train</c>, <c>textline eval --tune</c>), never on the
/// evaluation split, and ships beside its model.
/// </summary>
/// <param name="Act">The line acts on its likeliest reading (a situation, a reply, a command) at this probability; also on two situations together, when the text holds both.</param>
/// <param name="Safety">Danger at this probability gets the safety advice, even when something else is likelier: chosen for full recall at the fewest false alarms.</param>
/// <param name="Present">A situation at this probability is taken to be present in the text: the weightier of two present gets the advice, the other is named after it.</param>
/// <param name="Ask">Below <see cref="Act"/>, a likeliest situation at this probability gets one question back naming the two likeliest; below it, the menu.</param>
public sealed record DecisionPolicy(
    [property: JsonPropertyName("act")] double Act,
    [property: JsonPropertyName("safety")] double Safety,
    [property: JsonPropertyName("present")] double Present,
    [property: JsonPropertyName("ask")] double Ask)
{
    /// <summary>Every threshold between 0 and 1, and the question back below acting.</summary>
    public bool IsValid => Act is > 0 and <= 1 && Safety is > 0 and <= 1 && Present is > 0 and <= 1 && Ask is > 0 and <= 1 && Ask <= Act;

    public override string ToString() =>
        FormattableString.Invariant($"act {Act:0.00}, safety {Safety:0.00}, present {Present:0.00}, ask {Ask:0.00}");
}
