@description('Name of the function app.')
param name string

@description('Azure region of the function app.')
param location string

@description('Tags applied to the function app; the azd service tag is added here.')
param tags object

@description('Resource ID of the Flex Consumption plan.')
param planId string

@description('Name of the user-assigned identity the app runs as.')
param identityName string

@description('Object (principal) ID of that identity, for the table role assignments.')
param principalId string

@description('Name of the storage account holding the host state, the deployment package and the app tables.')
param storageAccountName string

@description('Blob container the deployment package is uploaded to.')
param deploymentContainerName string

@description('Blob container of the published wording (textline publish).')
param scriptsContainerName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('URI of the Key Vault holding the secrets, ending with a slash.')
param keyVaultUri string

@description('Resource ID of the subnet the app sends its outbound traffic through; empty keeps it off a virtual network.')
param virtualNetworkSubnetId string = ''

@description('Instances kept warm for HTTP requests, so that a cold start never eats Twilio\'s 15-second timeout.')
@minValue(0)
param alwaysReadyInstanceCount int

@description('Upper bound on instances the plan scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance in MB; the worker\'s working set was measured at 515-688 MB.')
@allowed([2048, 4096])
param instanceMemoryMB int

@description('Name of the career-services program running the line.')
param programName string

@description('How a texter reaches a person (a phone number or email address).')
param programHelpContact string

@description('Link to the program\'s page.')
param programUrl string

@description('Emergency number named in the HELP safety line and the fallback apology.')
param programEmergencyNumber string

@description('Verified SendGrid sender address of the follow-up emails.')
param emailFromAddress string

@description('Display name of the sender; empty means the program name.')
param emailFromName string

@description('Days an idle conversation is kept.')
param retentionDays int

@description('Hours without a text after which a conversation starts again.')
param conversationExpiryHours int

@description('Replies one number gets within replyWindow.')
param repliesPerNumber int

@description('Length of the reply cap\'s window (d.hh:mm:ss).')
param replyWindow string

@description('Email addresses a texter may give in one conversation.')
param addressesPerConversation int

@description('Time after the last text at which the follow-up email goes out (d.hh:mm:ss).')
param followUpDelay string

@description('NCRONTAB schedule (with seconds) of the follow-up sweep.')
param followUpSchedule string

@description('NCRONTAB schedule (with seconds) of the retention sweep.')
param retentionSchedule string

@description('Inbox of requests for a person; empty turns the handoff off.')
param handoffEmail string

@description('Office hours for requests for a person.')
param handoffHours string

@description('IANA time zone of the office hours.')
param handoffTimeZone string

@description('NCRONTAB schedule of the handoff sender.')
param handoffSchedule string

// The app's tables are created here, next to the settings that name them, and the app's identity may read
// and write these two tables only.
var conversationsTable = 'conversations'
var followUpsTable = 'followups'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName

  resource tableServices 'tableServices' existing = {
    name: 'default'

    resource conversations 'tables' = {
      name: conversationsTable
    }

    resource followUps 'tables' = {
      name: followUpsTable
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Granted per table rather than on the account, so no other table in the account is within the app's reach.
resource conversationsData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::tableServices::conversations.id, principalId, storageTableDataContributor)
  scope: storage::tableServices::conversations
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource followUpsData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::tableServices::followUps.id, principalId, storageTableDataContributor)
  scope: storage::tableServices::followUps
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: planId
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    // With private networking on, all outbound traffic (storage, Key Vault) leaves through this subnet.
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    // A partial siteConfig replaces the platform defaults, so every hardened value is spelled out.
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      remoteDebuggingEnabled: false
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: [
          {
            name: 'http'
            instanceCount: alwaysReadyInstanceCount
          }
        ]
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // Deployments (azd, az functionapp deploy) authenticate with Entra ID; publishing passwords stay off.
  resource ftpPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }

  resource appSettings 'config' = {
    name: 'appsettings'
    // The app reaches its tables as soon as its settings land, so the table roles come first.
    dependsOn: [
      conversationsData
      followUpsData
    ]
    properties: {
      // The host reaches its storage with the identity; only blobs are used (leases, timer state, keys).
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identity.properties.clientId
      AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
      // DefaultAzureCredential picks the user-assigned identity by this client ID.
      AZURE_CLIENT_ID: identity.properties.clientId

      // Versionless Key Vault references, so that a rotated secret is picked up without redeploying.
      Twilio__AuthToken: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/twilio-auth-token)'
      // Twilio signs the URL it was given, which is this host name rather than what the worker sees.
      Twilio__WebhookBaseUrl: 'https://${site.properties.defaultHostName}'
      Storage__TableServiceUri: storage.properties.primaryEndpoints.table
      Storage__ConversationsTable: conversationsTable
      Storage__FollowUpsTable: followUpsTable
      // Published wording: the app checks this container every 30 seconds (its identity holds Storage Blob Data Owner).
      Scripts__ContainerUri: '${storage.properties.primaryEndpoints.blob}${scriptsContainerName}'
      Privacy__PhoneHashKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/phone-hash-key)'
      Privacy__RetentionDays: string(retentionDays)
      // Timer triggers resolve %Privacy:RetentionSchedule% and %FollowUp:Schedule% from app settings, not from option defaults.
      Privacy__RetentionSchedule: retentionSchedule
      Program__Name: programName
      Program__HelpContact: programHelpContact
      Program__Url: programUrl
      Program__EmergencyNumber: programEmergencyNumber
      Conversation__ExpiryHours: string(conversationExpiryHours)
      Limits__RepliesPerNumber: string(repliesPerNumber)
      Limits__ReplyWindow: replyWindow
      Limits__AddressesPerConversation: string(addressesPerConversation)
      FollowUp__Delay: followUpDelay
      FollowUp__Schedule: followUpSchedule
      Handoff__Email: handoffEmail
      Handoff__Hours: handoffHours
      Handoff__TimeZone: handoffTimeZone
      Handoff__Schedule: handoffSchedule
      Email__FromAddress: emailFromAddress
      Email__FromName: empty(emailFromName) ? programName : emailFromName
      SendGrid__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/sendgrid-api-key)'
    }
  }
}

@description('Name of the function app.')
output name string = site.name

@description('The app\'s tables, for the operator\'s roles.')
output tableNames array = [conversationsTable, followUpsTable]

@description('Default host name of the function app.')
output defaultHostName string = site.properties.defaultHostName
