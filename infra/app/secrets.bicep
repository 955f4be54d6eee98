@description('Name of the Key Vault the secrets are written to.')
param keyVaultName string

@secure()
@description('Auth token of the Twilio account. Empty leaves the stored secret as it is.')
param twilioAuthToken string

@secure()
@description('SendGrid API key with Mail Send permission. Empty leaves the stored secret as it is.')
param sendGridApiKey string

@secure()
@description('Key of the HMAC that turns phone numbers into storage keys: at least 32 random bytes in base64. Empty leaves the stored secret as it is.')
param phoneHashKey string

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' existing = {
  name: keyVaultName
}

// Each secret is written only when a value is given, so that re-provisioning without it keeps the stored one.
resource twilioAuthTokenSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (!empty(twilioAuthToken)) {
  parent: vault
  name: 'twilio-auth-token'
  properties: {
    value: twilioAuthToken
  }
}

resource sendGridApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (!empty(sendGridApiKey)) {
  parent: vault
  name: 'sendgrid-api-key'
  properties: {
    value: sendGridApiKey
  }
}

resource phoneHashKeySecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (!empty(phoneHashKey)) {
  parent: vault
  name: 'phone-hash-key'
  properties: {
    value: phoneHashKey
  }
}
