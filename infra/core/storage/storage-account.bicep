@description('Name of the storage account.')
param name string

@description('Azure region of the account.')
param location string

@description('Tags applied to the account.')
param tags object

@description('Blob containers to create; none is public.')
param containers string[]

@description('Enabled, or Disabled when the account is reached only through private endpoints.')
@allowed(['Enabled', 'Disabled'])
param publicNetworkAccess string = 'Enabled'

@description('Days a deleted blob or container can still be restored.')
@minValue(1)
@maxValue(365)
param deleteRetentionDays int = 7

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // Every client (the Functions host, the deployment and the app) signs in with Entra ID.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: publicNetworkAccess
    // With public access off, the private endpoints are the only way in: no trusted-service bypass.
    networkAcls: {
      defaultAction: publicNetworkAccess == 'Disabled' ? 'Deny' : 'Allow'
      bypass: 'None'
    }
  }

  resource blobServices 'blobServices' = {
    name: 'default'
    properties: {
      // Every write of a blob is kept as a version: published wording (the scripts container) can always be recovered.
      isVersioningEnabled: true
      deleteRetentionPolicy: {
        enabled: true
        days: deleteRetentionDays
      }
      containerDeleteRetentionPolicy: {
        enabled: true
        days: deleteRetentionDays
      }
    }

    resource blobContainers 'containers' = [
      for container in containers: {
        name: container
        properties: {
          publicAccess: 'None'
        }
      }
    ]
  }

  // The app creates its own tables beside the settings that name them (app/api.bicep).
  resource tableServices 'tableServices' = {
    name: 'default'
  }
}

@description('Name of the storage account.')
output name string = storage.name

@description('Blob service endpoint, ending with a slash.')
output blobEndpoint string = storage.properties.primaryEndpoints.blob

@description('Table service endpoint, ending with a slash.')
output tableEndpoint string = storage.properties.primaryEndpoints.table

@description('Resource ID of the storage account.')
output id string = storage.id
