using InterviewTextLine.Core.Storage;
using InterviewTextLine.TestKit.Storage;

namespace InterviewTextLine.Core.Tests.Storage;

public sealed class InMemoryConversationStoreContractTests : ConversationStoreContract
{
    protected override Task<IConversationStore> CreateStoreAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IConversationStore>(new InMemoryConversationStore());
}
