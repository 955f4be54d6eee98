using InterviewTextLine.Core.Flow;

namespace InterviewTextLine.TestKit.Builders;

/// <summary>A small hand-built flow script with two situations, enough for the follow-up email.</summary>
public static class TestScripts
{
    public static FlowScript Create(string dealBreakerTitle = "A deal-breaker came up") => new()
    {
        Version = "test-1",
        // The default language's words: the emails read its follow-up subject.
        Language = FlowLoader.LoadEmbedded().Language,
        Words = FlowLoader.LoadEmbedded().Words,
        Start = "welcome",
        Done = "done",
        Messages = new Dictionary<string, string>(),
        Situations = new Dictionary<string, Situation>
        {
            ["dealbreaker"] = new()
            {
                Number = 1,
                Title = dealBreakerTitle,
                Gist = "pay, commute or terms",
                Entry = "dealbreaker",
                Email = new SituationEmail
                {
                    Summary = "Something you cannot accept came up: the pay, the commute or the terms.",
                    Guidance = ["Stay a little longer: goodwill is cheap to keep.", "Say plainly what does not work and give them a chance to answer."],
                    TemplateIntro = "A courteous note keeps goodwill.",
                    TemplateSubject = "Thank you for your time",
                    TemplateBody = "Dear [Interviewer name],\n\nThank you for meeting me today.\n\nBest regards,\n[Your name]",
                    Prompts = ["What is your real minimum?", "Which terms could move?", "Who could you ask at {ProgramName}?"],
                    Steps = new Dictionary<string, string> { ["dealbreaker-no"] = "They could not move, so you closed politely." },
                },
            },
            ["rude"] = new()
            {
                Number = 2,
                Title = "The interviewer was rude",
                Gist = "rudeness",
                Entry = "rude",
                Email = new SituationEmail
                {
                    Summary = "The interviewer was hostile or disrespectful.",
                    Guidance = ["You can leave now."],
                    TemplateIntro = "You don't owe them a follow-up.",
                    TemplateSubject = "Withdrawing my application",
                    TemplateBody = "Dear [Interviewer name],\n\nI am withdrawing my application.",
                    Prompts = ["What told you first?", "What would you do the same?"],
                },
            },
        },
        States =
        [
            new FlowState { Id = "welcome", Kind = StateKind.Menu, Text = "Welcome to {ProgramName}. Reply 1-2.", Hint = "Reply 1 or 2." },
            new FlowState
            {
                Id = "dealbreaker",
                Kind = StateKind.Guidance,
                Situation = "dealbreaker",
                Text = "Stay calm and say what does not work. Did they offer something? Reply YES or NO.",
                Words = "The commute is more than I can take on. Is remote work possible?",
                Hint = "Reply YES or NO.",
            },
            new FlowState
            {
                Id = "dealbreaker-no",
                Kind = StateKind.Guidance,
                Situation = "dealbreaker",
                Text = "Close politely and let them say goodbye first.",
                Words = "Thank you for your time. I do not think this role is right for me.",
                Hint = "Reply DONE.",
            },
            new FlowState { Id = "rude", Kind = StateKind.Guidance, Situation = "rude", Text = "Leave now.", Words = "I do not see a future here. Thank you.", Hint = "Reply DONE." },
            new FlowState { Id = "done", Kind = StateKind.Closing, Text = "Good luck. Text EMAIL you@example.com for a summary.", Hint = "Reply MENU." },
        ],
    };
}
