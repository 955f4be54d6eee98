namespace InterviewTextLine.Core.Retention;

/// <summary>Deletes the conversations idle for longer than the retention period. The retention timer runs it.</summary>
public interface IRetentionSweeper
{
    /// <summary>Runs one sweep (or the next part of one) and returns what it did.</summary>
    Task<RetentionSweepResult> RunAsync(CancellationToken cancellationToken);
}

/// <summary>What one retention run did.</summary>
/// <param name="Deleted">Idle conversations deleted.</param>
/// <param name="Leftovers">Leftover rows deleted: FORGET records past their time and rows without a conversation.</param>
/// <param name="Finished">True when the run reached the end of the store; false when its time budget ran out and the next run continues.</param>
public sealed record RetentionSweepResult(int Deleted, int Leftovers, bool Finished);
