@description('Object ID of the operator (the person or group who publishes wording and answers erasure requests); empty grants nothing.')
param operatorPrincipalId string

@description('User for a person, Group for an Entra group, ServicePrincipal for automation.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param operatorPrincipalType string

@description('Name of the storage account of the line.')
param storageAccountName string

@description('Blob container the published wording lives in.')
param scriptsContainerName string

@description('The app\'s tables (conversations and follow-ups).')
param tableNames string[]

@description('Name of the Key Vault holding the phone-hash key.')
param keyVaultName string

// What an operator needs to run the line without a developer: publish and revert wording (textline publish), and
// look up or erase one number (textline lookup, textline forget), which reads the phone-hash key.
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName

  resource blobServices 'blobServices' existing = {
    name: 'default'

    resource scripts 'containers' existing = {
      name: scriptsContainerName
    }
  }

  resource tableServices 'tableServices' existing = {
    name: 'default'
  }
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2026-06-01' existing = [
  for table in tableNames: {
    parent: storage::tableServices
    name: table
  }
]

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' existing = {
  name: keyVaultName
}

resource scriptsWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(storage::blobServices::scripts.id, operatorPrincipalId, storageBlobDataContributor)
  scope: storage::blobServices::scripts
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
  }
}

resource tableData 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (table, i) in tableNames: if (!empty(operatorPrincipalId)) {
    name: guid(tables[i].id, operatorPrincipalId, storageTableDataContributor)
    scope: tables[i]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
      principalId: operatorPrincipalId
      principalType: operatorPrincipalType
    }
  }
]

resource secretsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(vault.id, operatorPrincipalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
  }
}
