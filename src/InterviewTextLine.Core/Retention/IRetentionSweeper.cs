namespace InterviewTextLine.Core.Retention;

/// <summary>Deletes the conversations idle for longer than the retention period. The retention timer runs it.</summary>
public interface IRetentionSweeper
{
    /// <summary>Runs one sweep and returns how many conversations it deleted.</summary>
    Task<int> RunAsync(CancellationToken cancellationToken);
}
