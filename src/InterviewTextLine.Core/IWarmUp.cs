namespace InterviewTextLine.Core;

/// <summary>
/// Something that must be built and run once before a host takes its first text (a model loaded, a text read through
/// it), so that no texter waits for it. A host's one warm-up runs every registered step, in the order registered.
/// </summary>
public interface IWarmUp
{
    /// <summary>Builds and runs the part once.</summary>
    void Warm();
}
