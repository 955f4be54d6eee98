namespace InterviewTextLine.Core.Storage;

/// <summary>
/// All five storage contracts in one: what a store (the in-memory one, Table Storage) implements, so that the line
/// puts one instance behind every contract (<see cref="ServiceCollectionExtensions.ReplaceConversationStorage{TStore}"/>).
/// </summary>
public interface IConversationStorage : IConversationStore, IFollowUpIndex, IRetentionScan, IAddressClaims, IHandoffOutbox;
