using System.Collections.Concurrent;
using InterviewTextLine.Core.FollowUps;

namespace InterviewTextLine.TestKit.FollowUps;

/// <summary>
/// An email sender that records every email and answers from a script of results (accepted when the
/// script runs out). <see cref="OnSend"/> lets a test act while a send is in flight.
/// </summary>
public sealed class FakeEmailSender : IEmailSender
{
    private readonly ConcurrentQueue<Func<FollowUpEmail, EmailSendResult>> _answers = new();

    public ConcurrentQueue<FollowUpEmail> Sent { get; } = new();

    public Func<FollowUpEmail, CancellationToken, Task>? OnSend { get; set; }

    public FakeEmailSender Then(EmailSendResult result)
    {
        _answers.Enqueue(_ => result);
        return this;
    }

    public FakeEmailSender Then(Func<FollowUpEmail, EmailSendResult> answer)
    {
        _answers.Enqueue(answer);
        return this;
    }

    public async Task<EmailSendResult> SendAsync(FollowUpEmail email, CancellationToken cancellationToken)
    {
        Sent.Enqueue(email);
        if (OnSend is not null)
        {
            await OnSend(email, cancellationToken);
        }

        return _answers.TryDequeue(out var answer) ? answer(email) : new EmailSendResult.Accepted($"fake:{email.Id}");
    }
}
