namespace InterviewTextLine.Core.Configuration;

/// <summary>
/// Marks an option whose value is a secret: it is read from Key Vault in Azure and never logged.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;

/// <summary>
/// Marks an option that only makes sense on a developer's machine (for example a connection string to
/// Azurite or a local outbox folder). The Azure deployment does not set it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class LocalOnlyAttribute : Attribute;

/// <summary>
/// Marks an option that the Azure deployment must set even though local runs have an embedded default
/// for it (for example the operator's program name).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredInAzureAttribute : Attribute;

/// <summary>Names the configuration section an options class binds to.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SettingsSectionAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
