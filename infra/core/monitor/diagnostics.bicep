@description('Name of the storage account whose table and blob requests are logged.')
param storageAccountName string

@description('Name of the Key Vault whose audit events are logged.')
param keyVaultName string

@description('Name of the Log Analytics workspace the logs go to.')
param logAnalyticsName string

// Reads, writes and deletes of each storage service, and every Key Vault request (AuditEvent): the audit
// trail of who touched conversations, follow-ups and secrets.
var storageLogs = [
  {
    category: 'StorageRead'
    enabled: true
  }
  {
    category: 'StorageWrite'
    enabled: true
  }
  {
    category: 'StorageDelete'
    enabled: true
  }
]

resource workspace 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: logAnalyticsName
}

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName

  resource tableServices 'tableServices' existing = {
    name: 'default'
  }

  resource blobServices 'blobServices' existing = {
    name: 'default'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' existing = {
  name: keyVaultName
}

// The newest diagnosticSettings API. The linter suggests 2016-09-01, whose type is the legacy per-service setting.
#disable-next-line use-recent-api-versions
resource tableLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: storage::tableServices
  properties: {
    workspaceId: workspace.id
    logs: storageLogs
  }
}

#disable-next-line use-recent-api-versions
resource blobLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: storage::blobServices
  properties: {
    workspaceId: workspace.id
    logs: storageLogs
  }
}

#disable-next-line use-recent-api-versions
resource vaultLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'AuditEvent'
        enabled: true
      }
    ]
  }
}
