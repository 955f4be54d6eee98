@description('Name of the Key Vault.')
param name string

@description('Azure region of the vault.')
param location string

@description('Tags applied to the vault.')
param tags object

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Access is granted with Azure roles, never with access policies.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // A deleted secret (the phone-hash key above all) could not be recovered otherwise.
    enablePurgeProtection: true
  }
}

@description('Name of the vault.')
output name string = vault.name

@description('URI of the vault, ending with a slash.')
output uri string = vault.properties.vaultUri
