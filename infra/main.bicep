targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it names the resource group and seeds the resource names.')
param environmentName string

@minLength(1)
@description('Azure region of every resource. It must offer the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Name of the career-services program running the line (GSM-7 characters, at most 30, so the welcome fits one SMS).')
@minLength(1)
@maxLength(30)
param programName string

@description('How a texter reaches a person: a phone number or email address (at most 40 characters).')
@minLength(1)
@maxLength(40)
param programHelpContact string

@description('Link to the program\'s page, shown in the closing text and the emails (at most 60 characters).')
@minLength(1)
@maxLength(60)
param programUrl string

@description('Emergency number named in the HELP safety line and the fallback apology.')
param programEmergencyNumber string = '911'

@description('Verified SendGrid sender address of the follow-up emails.')
@minLength(3)
param emailFromAddress string

@description('Display name of the follow-up emails\' sender; empty means the program name.')
param emailFromName string = ''

@description('Days an idle conversation is kept before the retention sweep deletes it.')
@minValue(1)
@maxValue(3650)
param retentionDays int = 30

@description('Hours without a text after which a conversation starts again at the welcome.')
@minValue(1)
@maxValue(168)
param conversationExpiryHours int = 12

@description('Replies one number gets within replyWindow; past it the line stays silent (STOP, HELP and FORGET still work).')
@minValue(1)
@maxValue(1000)
param repliesPerNumber int = 15

@description('Length of the reply cap\'s window (d.hh:mm:ss), from 10 seconds to a day.')
param replyWindow string = '00:10:00'

@description('Email addresses a texter may give in one conversation.')
@minValue(1)
@maxValue(20)
param addressesPerConversation int = 3

@description('Time after the texter\'s last text at which the follow-up email goes out (d.hh:mm:ss).')
param followUpDelay string = '02:00:00'

@description('NCRONTAB schedule (with seconds) of the follow-up sweep.')
param followUpSchedule string = '0 */5 * * * *'

@description('NCRONTAB schedule (with seconds) of the retention sweep; the timer function reads it from app settings.')
param retentionSchedule string = '0 30 3 * * *'

@description('Inbox of the office that answers requests for a person (TALK): one email per request, holding the texter\'s number, only after they say YES. Empty: TALK gets the help contact instead.')
param handoffEmail string = ''

@description('Office hours for requests for a person, in handoffTimeZone: days and times separated by \';\', e.g. Mon-Fri 09:00-17:00; Sat 10:00-13:00.')
param handoffHours string = 'Mon-Fri 09:00-17:00'

@description('IANA time zone of the office hours, e.g. America/New_York. Required when handoffEmail is set.')
param handoffTimeZone string = ''

@description('NCRONTAB schedule (with seconds) of the handoff sender; every 30 seconds, so a request reaches the inbox within a minute.')
param handoffSchedule string = '*/30 * * * * *'

@description('Instances kept warm for HTTP requests, so that a cold start never eats Twilio\'s 15-second timeout. 0 saves the always-ready charge.')
@minValue(0)
@maxValue(20)
param alwaysReadyInstanceCount int = 1

@description('Upper bound on instances the Flex Consumption plan scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each function app instance in MB. The worker\'s working set was measured at 515-688 MB (docs/operations.md), so 512 is not offered: it would run out of memory.')
@allowed([2048, 4096])
param instanceMemoryMB int = 2048

@description('Days the Log Analytics workspace keeps telemetry: Application Insights requests, traces, dependencies and metrics, and the storage and Key Vault audit logs. FORGET cannot reach them, so keep it short: 30 (the default) is the least Log Analytics allows.')
@allowed([30, 60, 90, 120, 180, 270, 365, 550, 730])
param telemetryRetentionDays int = 30

@description('Email address of the operator who receives the alerts (webhook failures, 403 bursts, the fallback, failing follow-ups, a stalled sweep).')
@minLength(3)
param alertEmailAddress string

@description('403 answers within 15 minutes that raise the "Burst of 403 answers" alert.')
@minValue(1)
param forbiddenBurstThreshold int = 10

@description('Days without a single text after which the "No texts" alert fires (at most 6); 0 turns that alert off.')
@minValue(0)
@maxValue(6)
param noTextsAlertDays int = 0

@description('Failed or undelivered replies in an hour that raise the "Replies not delivered" alert.')
@minValue(1)
param deliveryFailureThreshold int = 3

@description('Share of advice (percent) texters called wrong within a day that raises the "Misroutes jumped" alert.')
@minValue(1)
@maxValue(100)
param misrouteSharePercent int = 15

@description('Hours after each provisioning during which the alerts that need traffic or a first sweep cannot fire.')
@minValue(0)
@maxValue(72)
param alertGraceHours int = 2

@description('Time of this provisioning; leave the default (now). The grace period of the alerts runs from it.')
param provisionedAt string = utcNow()

@description('Object ID of the operator who publishes wording and answers erasure requests (azd sets your own); empty grants no operator role.')
param operatorPrincipalId string = ''

@description('User for a person, Group for an Entra group of operators, ServicePrincipal for automation.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param operatorPrincipalType string = 'User'

@description('Puts the app on a virtual network and reaches storage (blob, table, queue) and Key Vault through private endpoints only, with their public network access disabled. Off by default: the endpoints and DNS zones cost about 31 USD a month (docs/operations.md).')
param privateNetworking bool = false

@secure()
@description('Auth token of the Twilio account, stored in Key Vault. Empty leaves the stored secret as it is.')
param twilioAuthToken string = ''

@secure()
@description('SendGrid API key with Mail Send permission, stored in Key Vault. Empty leaves the stored secret as it is.')
param sendGridApiKey string = ''

@secure()
@description('Key of the HMAC that turns phone numbers into storage keys, stored in Key Vault: at least 32 random bytes in base64 (openssl rand -base64 32); the app refuses anything else at startup. Empty leaves the stored secret as it is; changing it orphans every stored conversation.')
param phoneHashKey string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = '${abbrs.webSitesFunctions}${resourceToken}'
var deploymentContainerName = 'app-package'
// Published wording (textline publish): every language's script, by version, read by the app's identity.
var scriptsContainerName = 'scripts'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'core/security/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
    location: location
    tags: tags
  }
}

module plan 'core/host/flex-plan.bicep' = {
  name: 'plan'
  scope: rg
  params: {
    name: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    containers: [deploymentContainerName, scriptsContainerName]
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    retentionInDays: telemetryRetentionDays
    location: location
    tags: tags
  }
}

module keyVault 'core/security/key-vault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
  }
}

module network 'core/network/virtual-network.bicep' = if (privateNetworking) {
  name: 'network'
  scope: rg
  params: {
    name: '${abbrs.networkVirtualNetworks}${resourceToken}'
    location: location
    tags: tags
  }
}

// One endpoint per storage service the app and its host use, and one for the vault, each with the
// private DNS zone that makes the usual host name resolve to it inside the virtual network.
module blobEndpoint 'core/network/private-endpoint.bicep' = if (privateNetworking) {
  name: 'blobEndpoint'
  scope: rg
  params: {
    name: '${abbrs.networkPrivateEndpoints}blob-${resourceToken}'
    location: location
    tags: tags
    subnetId: network!.outputs.privateEndpointSubnetId
    virtualNetworkId: network!.outputs.id
    targetResourceId: storage.outputs.id
    groupId: 'blob'
    dnsZoneName: 'privatelink.blob.${environment().suffixes.storage}'
  }
}

module tableEndpoint 'core/network/private-endpoint.bicep' = if (privateNetworking) {
  name: 'tableEndpoint'
  scope: rg
  params: {
    name: '${abbrs.networkPrivateEndpoints}table-${resourceToken}'
    location: location
    tags: tags
    subnetId: network!.outputs.privateEndpointSubnetId
    virtualNetworkId: network!.outputs.id
    targetResourceId: storage.outputs.id
    groupId: 'table'
    dnsZoneName: 'privatelink.table.${environment().suffixes.storage}'
  }
}

module queueEndpoint 'core/network/private-endpoint.bicep' = if (privateNetworking) {
  name: 'queueEndpoint'
  scope: rg
  params: {
    name: '${abbrs.networkPrivateEndpoints}queue-${resourceToken}'
    location: location
    tags: tags
    subnetId: network!.outputs.privateEndpointSubnetId
    virtualNetworkId: network!.outputs.id
    targetResourceId: storage.outputs.id
    groupId: 'queue'
    dnsZoneName: 'privatelink.queue.${environment().suffixes.storage}'
  }
}

module vaultEndpoint 'core/network/private-endpoint.bicep' = if (privateNetworking) {
  name: 'vaultEndpoint'
  scope: rg
  params: {
    name: '${abbrs.networkPrivateEndpoints}vault-${resourceToken}'
    location: location
    tags: tags
    subnetId: network!.outputs.privateEndpointSubnetId
    virtualNetworkId: network!.outputs.id
    targetResourceId: keyVault.outputs.id
    groupId: 'vault'
    // keyvaultDns is '.vault.azure.net' in the public cloud; its private zone is privatelink.vaultcore.azure.net.
    dnsZoneName: 'privatelink${replace(environment().suffixes.keyvaultDns, '.vault.', '.vaultcore.')}'
  }
}

module diagnostics 'core/monitor/diagnostics.bicep' = {
  name: 'diagnostics'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    logAnalyticsName: monitoring.outputs.logAnalyticsName
  }
}

module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    actionGroupName: '${abbrs.insightsActionGroups}${resourceToken}'
    namePrefix: '${abbrs.insightsScheduledQueryRules}${resourceToken}'
    location: location
    tags: tags
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    alertEmailAddress: alertEmailAddress
    forbiddenBurstThreshold: forbiddenBurstThreshold
    noTextsAlertDays: noTextsAlertDays
    deliveryFailureThreshold: deliveryFailureThreshold
    misrouteSharePercent: misrouteSharePercent
    provisionedAt: provisionedAt
    alertGraceHours: alertGraceHours
  }
}

module workbook 'app/workbook.bicep' = {
  name: 'workbook'
  scope: rg
  params: {
    location: location
    tags: tags
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    nameSeed: resourceToken
  }
}

module secrets 'app/secrets.bicep' = {
  name: 'secrets'
  scope: rg
  params: {
    keyVaultName: keyVault.outputs.name
    twilioAuthToken: twilioAuthToken
    sendGridApiKey: sendGridApiKey
    phoneHashKey: phoneHashKey
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  // The app resolves its Key Vault references and reaches storage as soon as its settings land,
  // so the roles, the secrets and (with private networking) the endpoints come first.
  dependsOn: [
    rbac
    secrets
    blobEndpoint
    tableEndpoint
    queueEndpoint
    vaultEndpoint
  ]
  params: {
    name: functionAppName
    location: location
    tags: tags
    planId: plan.outputs.id
    identityName: identity.outputs.name
    principalId: identity.outputs.principalId
    virtualNetworkSubnetId: privateNetworking ? network!.outputs.appSubnetId : ''
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    scriptsContainerName: scriptsContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultUri: keyVault.outputs.uri
    alwaysReadyInstanceCount: alwaysReadyInstanceCount
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    programName: programName
    programHelpContact: programHelpContact
    programUrl: programUrl
    programEmergencyNumber: programEmergencyNumber
    emailFromAddress: emailFromAddress
    emailFromName: emailFromName
    retentionDays: retentionDays
    conversationExpiryHours: conversationExpiryHours
    repliesPerNumber: repliesPerNumber
    replyWindow: replyWindow
    addressesPerConversation: addressesPerConversation
    followUpDelay: followUpDelay
    followUpSchedule: followUpSchedule
    retentionSchedule: retentionSchedule
    handoffEmail: handoffEmail
    handoffHours: handoffHours
    handoffTimeZone: handoffTimeZone
    handoffSchedule: handoffSchedule
  }
}

module operator 'app/operator.bicep' = {
  name: 'operator'
  scope: rg
  // The tables are created with the app (app/api.bicep), whose output names them.
  params: {
    operatorPrincipalId: operatorPrincipalId
    operatorPrincipalType: operatorPrincipalType
    storageAccountName: storage.outputs.name
    scriptsContainerName: scriptsContainerName
    tableNames: api.outputs.tableNames
    keyVaultName: keyVault.outputs.name
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_NAME string = api.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_APPLICATION_INSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output AZURE_LOG_ANALYTICS_NAME string = monitoring.outputs.logAnalyticsName
@description('Paste into the Twilio number: A MESSAGE COMES IN, Webhook, HTTP POST.')
output SMS_WEBHOOK_URL string = 'https://${api.outputs.defaultHostName}/api/sms'
@description('Paste into the Twilio number: PRIMARY HANDLER FAILS, HTTP POST.')
output SMS_FALLBACK_URL string = 'https://${api.outputs.defaultHostName}/api/sms/fallback'
