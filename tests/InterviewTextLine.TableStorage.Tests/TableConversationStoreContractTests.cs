using InterviewTextLine.TestKit.Azurite;
using InterviewTextLine.TestKit.Storage;

namespace InterviewTextLine.TableStorage.Tests;

/// <summary>The shared store contract against Table Storage on Azurite, each test on fresh tables.</summary>
public sealed class TableConversationStoreContractTests(AzuriteAssemblyFixture azurite) : ConversationStoreContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(CancellationToken cancellationToken) =>
        IsolatedTableStore.CreateUnderTestAsync(azurite, cancellationToken);
}

/// <summary>The shared follow-up index contract against Table Storage on Azurite, each test on fresh tables.</summary>
public sealed class TableFollowUpIndexContractTests(AzuriteAssemblyFixture azurite) : FollowUpIndexContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(CancellationToken cancellationToken) =>
        IsolatedTableStore.CreateUnderTestAsync(azurite, cancellationToken);
}

/// <summary>The shared address claims contract against Table Storage on Azurite, each test on fresh tables.</summary>
public sealed class TableAddressClaimsContractTests(AzuriteAssemblyFixture azurite) : AddressClaimsContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(CancellationToken cancellationToken) =>
        IsolatedTableStore.CreateUnderTestAsync(azurite, cancellationToken);
}

/// <summary>The shared retention scan contract against Table Storage on Azurite, each test on fresh tables.</summary>
public sealed class TableRetentionScanContractTests(AzuriteAssemblyFixture azurite) : RetentionScanContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(CancellationToken cancellationToken) =>
        IsolatedTableStore.CreateUnderTestAsync(azurite, cancellationToken);
}

/// <summary>The shared handoff outbox contract against Table Storage on Azurite, each test on fresh tables.</summary>
public sealed class TableHandoffOutboxContractTests(AzuriteAssemblyFixture azurite) : HandoffOutboxContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(CancellationToken cancellationToken) =>
        IsolatedTableStore.CreateUnderTestAsync(azurite, cancellationToken);
}

/// <summary>An operator's erasure and look-up against Table Storage on Azurite, each test on fresh tables.</summary>
public sealed class TableOperatorRecordsContractTests(AzuriteAssemblyFixture azurite) : OperatorRecordsContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(CancellationToken cancellationToken) =>
        IsolatedTableStore.CreateUnderTestAsync(azurite, cancellationToken);
}
