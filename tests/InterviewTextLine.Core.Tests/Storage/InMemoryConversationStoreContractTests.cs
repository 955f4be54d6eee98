using InterviewTextLine.Core.Storage;
using InterviewTextLine.TestKit.Storage;

namespace InterviewTextLine.Core.Tests.Storage;

public sealed class InMemoryConversationStoreContractTests : ConversationStoreContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(CancellationToken cancellationToken) =>
        Task.FromResult(StorageUnderTest.Of(new InMemoryConversationStore()));
}

public sealed class InMemoryFollowUpIndexContractTests : FollowUpIndexContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(CancellationToken cancellationToken) =>
        Task.FromResult(StorageUnderTest.Of(new InMemoryConversationStore()));
}

public sealed class InMemoryAddressClaimsContractTests : AddressClaimsContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(CancellationToken cancellationToken) =>
        Task.FromResult(StorageUnderTest.Of(new InMemoryConversationStore()));
}

public sealed class InMemoryRetentionScanContractTests : RetentionScanContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(CancellationToken cancellationToken) =>
        Task.FromResult(StorageUnderTest.Of(new InMemoryConversationStore()));
}

public sealed class InMemoryHandoffOutboxContractTests : HandoffOutboxContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(CancellationToken cancellationToken) =>
        Task.FromResult(StorageUnderTest.Of(new InMemoryConversationStore()));
}

public sealed class InMemoryOperatorRecordsContractTests : OperatorRecordsContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(CancellationToken cancellationToken) =>
        Task.FromResult(StorageUnderTest.Of(new InMemoryConversationStore()));
}
