using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Handoffs;
using InterviewTextLine.Core.Retention;
using InterviewTextLine.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace InterviewTextLine.Integration.Tests.Functions;

/// <summary>Each timer function is one call to its service, with the host's cancellation token.</summary>
public sealed class TimerFunctionTests
{
    [Fact]
    public async Task The_follow_up_timer_runs_one_sweep_with_the_functions_cancellation_token()
    {
        using var stopping = new CancellationTokenSource();
        var processor = new Mock<IFollowUpProcessor>(MockBehavior.Strict);
        processor.Setup(p => p.RunAsync(stopping.Token)).ReturnsAsync(new FollowUpSweepResult([], 0, 0, 0, StoppedEarly: false));

        await new FollowUpTimer(processor.Object, TestKit.Builders.TestMetrics.Create(), NullLogger<FollowUpTimer>.Instance).RunAsync(new TimerInfo(), stopping.Token);

        processor.Verify(p => p.RunAsync(stopping.Token), Times.Once);
    }

    [Fact]
    public async Task The_handoff_timer_runs_the_sender_once_with_the_functions_cancellation_token()
    {
        using var stopping = new CancellationTokenSource();
        var dispatcher = new Mock<IHandoffDispatcher>(MockBehavior.Strict);
        dispatcher.Setup(d => d.RunAsync(stopping.Token)).ReturnsAsync(HandoffSweepResult.Nothing);

        await new HandoffTimer(dispatcher.Object, NullLogger<HandoffTimer>.Instance).RunAsync(new TimerInfo(), stopping.Token);

        dispatcher.Verify(d => d.RunAsync(stopping.Token), Times.Once);
    }

    [Fact]
    public async Task The_retention_timer_runs_one_sweep_with_the_functions_cancellation_token()
    {
        using var stopping = new CancellationTokenSource();
        var sweeper = new Mock<IRetentionSweeper>(MockBehavior.Strict);
        sweeper.Setup(s => s.RunAsync(stopping.Token)).ReturnsAsync(new RetentionSweepResult(3, 0, Finished: true));

        await new RetentionTimer(sweeper.Object).RunAsync(new TimerInfo(), stopping.Token);

        sweeper.Verify(s => s.RunAsync(stopping.Token), Times.Once);
    }
}
