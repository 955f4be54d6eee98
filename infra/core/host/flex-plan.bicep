@description('Name of the Flex Consumption plan.')
param name string

@description('Azure region of the plan.')
param location string

@description('Tags applied to the plan.')
param tags object

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    // Flex Consumption runs on Linux only.
    reserved: true
  }
}

@description('Resource ID of the plan.')
output id string = plan.id
