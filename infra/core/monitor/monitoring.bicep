@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Days the workspace keeps everything sent to it; Application Insights keeps its telemetry as long.')
@allowed([30, 60, 90, 120, 180, 270, 365, 550, 730])
param retentionInDays int

@description('Azure region of the workspace and the component.')
param location string

@description('Tags applied to the workspace and the component.')
param tags object

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2026-03-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      // At 30 days, delete on the 30th day rather than up to a day later.
      immediatePurgeDataOn30Days: retentionInDays == 30
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    // Telemetry is accepted only from Entra identities (the app's managed identity), not from anyone holding the key.
    DisableLocalAuth: true
    // The workspace's retention governs a workspace-based component's data; this keeps the two from disagreeing.
    RetentionInDays: retentionInDays
    ImmediatePurgeDataOn30Days: retentionInDays == 30
  }
}

@description('Name of the Application Insights component.')
output applicationInsightsName string = applicationInsights.name

@description('Name of the Log Analytics workspace.')
output logAnalyticsName string = logAnalytics.name
