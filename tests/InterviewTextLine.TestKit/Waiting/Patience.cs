namespace InterviewTextLine.TestKit.Waiting;

/// <summary>
/// How long a test waits for something that is bound to happen (a sweep a timer set off, an answer to a request in
/// flight) before it calls it a hang. It never decides a test by how fast the work went: the limit is far beyond any
/// honest run on a loaded machine, and running into it fails the test as stuck, not as slow.
/// </summary>
public static class Patience
{
    /// <summary>The longest a test waits for one thing.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>A cancellation that follows the test's own and also fires after <see cref="Limit"/>.</summary>
    public static CancellationTokenSource Start()
    {
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancellation.CancelAfter(Limit);
        return cancellation;
    }
}
