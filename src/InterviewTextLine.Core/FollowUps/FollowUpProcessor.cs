using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Diagnostics;
using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Core.FollowUps;

/// <summary>
/// The follow-up sweep: pages through the due entries of the follow-up index and hands each to
/// <see cref="FollowUpDelivery"/>, at most <see cref="FollowUpOptions.MaxConcurrency"/> at a time, until
/// none are left, a rate limit pauses it, or <see cref="FollowUpOptions.RunBudget"/> runs out.
/// </summary>
/// <remarks>
/// <para>
/// Delivery guarantee: at most once. SendGrid has no idempotency key, so once a send may have been
/// accepted it is never repeated. A follow-up is claimed (a conditional write) before the send and
/// marked sent after it; if the process dies in between, the claim stays behind. A later sweep that
/// finds a claim older than <see cref="ClaimTimeout"/> records it as <see cref="FollowUpStatus.Failed"/>
/// with <c>LastError = "unconfirmed"</c> and does not send it again: the texter may get no email, never
/// two. A sender that throws instead of answering is settled the same way at once. Sends that fail
/// with an answer (5xx, a time-out, 429) are retried on later sweeps; a time-out the provider in fact
/// completed is the one case that can produce a second copy.
/// </para>
/// <para>
/// The check that the texter has not opted out or been forgotten is the claim itself: the claim is
/// conditional on the exact version that was checked, so any STOP, NOEMAIL or FORGET in between makes
/// it fail and the follow-up is looked at again.
/// </para>
/// </remarks>
public sealed class FollowUpProcessor : IFollowUpProcessor
{
    /// <summary>
    /// How old a claim must be before a sweep treats its send as lost. It is longer than any sweep
    /// (the function time-out is 5 minutes; <see cref="FollowUpOptions.RunBudget"/> is at most 9) plus
    /// one provider request, so a claim this old belongs to a process that is gone.
    /// </summary>
    public static TimeSpan ClaimTimeout { get; } = TimeSpan.FromMinutes(15);

    /// <summary>The <see cref="FollowUp.LastError"/> of a claim whose send outcome was never recorded.</summary>
    public const string Unconfirmed = "unconfirmed";

    private readonly IFollowUpIndex _index;
    private readonly TimeProvider _time;
    private readonly FollowUpOptions _options;
    private readonly ILogger<FollowUpProcessor> _logger;
    private readonly FollowUpDelivery _delivery;
    private readonly TextLineMetrics _metrics;

    public FollowUpProcessor(
        IConversationStore store,
        IFollowUpIndex index,
        FollowUpComposer composer,
        IEmailSender sender,
        TimeProvider time,
        IOptions<FollowUpOptions> options,
        TextLineMetrics metrics,
        ILogger<FollowUpProcessor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _index = index;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _metrics = metrics;
        _delivery = new FollowUpDelivery(store, new FollowUpIndexUpkeep(index), composer, sender, time, _options, logger);
    }

    public async Task<FollowUpSweepResult> RunAsync(CancellationToken cancellationToken)
    {
        using var activity = TextLineTracing.Source.StartActivity("textline.followup.sweep");
        var deadline = _time.GetUtcNow() + _options.RunBudget;
        var tally = new SweepTally();
        var pages = new DueEntryPages(_index, _time);
        using var slots = new SemaphoreSlim(_options.MaxConcurrency);
        var stoppedEarly = false;

        while (!stoppedEarly && !tally.IsPaused(_time.GetUtcNow()))
        {
            var fresh = await pages.NextAsync(cancellationToken);
            if (fresh.Count == 0)
            {
                break;
            }

            var running = new List<Task>(fresh.Count);
            foreach (var entry in fresh)
            {
                await slots.WaitAsync(cancellationToken);
                var now = _time.GetUtcNow();
                if (now >= deadline)
                {
                    slots.Release();
                    stoppedEarly = true;
                    FollowUpLog.BudgetReached(_logger, _options.RunBudget);
                    break;
                }

                if (tally.IsPaused(now))
                {
                    slots.Release();
                    break;
                }

                running.Add(DeliverInSlotAsync(entry, tally, slots, cancellationToken));
            }

            await Task.WhenAll(running);
        }

        var result = tally.ToResult(stoppedEarly);
        FollowUpLog.SweepFinished(_logger, result.Sent.Count, result.Retried, result.Failed, result.Skipped, result.StoppedEarly);
        return result;
    }

    private async Task DeliverInSlotAsync(FollowUpIndexEntry entry, SweepTally tally, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await _delivery.DeliverAsync(entry, tally, cancellationToken);
            tally.Add(outcome);
            Count(outcome.Kind);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // One follow-up's store trouble must not stop the others; its entry stays for the next sweep.
            FollowUpLog.EntryError(_logger, TexterTag.For(entry.Texter, _time.GetUtcNow()), exception.GetType().Name, exception);
        }
        finally
        {
            slots.Release();
        }
    }

    private void Count(OutcomeKind outcome)
    {
        switch (outcome)
        {
            case OutcomeKind.Sent:
                _metrics.FollowUp(FollowUpOutcome.Sent);
                break;
            case OutcomeKind.Retried:
                _metrics.FollowUp(FollowUpOutcome.Retried);
                break;
            case OutcomeKind.Failed:
                _metrics.FollowUp(FollowUpOutcome.Failed);
                break;
            default:
                break;
        }
    }
}
