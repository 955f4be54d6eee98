@description('Name of the private endpoint.')
param name string

@description('Azure region of the private endpoint.')
param location string

@description('Tags applied to the private endpoint and its DNS zone.')
param tags object

@description('Resource ID of the subnet the endpoint takes an address in.')
param subnetId string

@description('Resource ID of the virtual network the DNS zone is linked to.')
param virtualNetworkId string

@description('Resource ID of the resource the endpoint connects to.')
param targetResourceId string

@description('Sub-resource of the target: blob, table, queue or vault.')
@allowed(['blob', 'table', 'queue', 'vault'])
param groupId string

@description('Private DNS zone that resolves the target\'s public host name to the endpoint, e.g. privatelink.blob.core.windows.net.')
param dnsZoneName string

resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: dnsZoneName
  location: 'global'
  tags: tags

  resource link 'virtualNetworkLinks' = {
    name: 'vnet'
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: virtualNetworkId
      }
    }
  }
}

resource endpoint 'Microsoft.Network/privateEndpoints@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    subnet: {
      id: subnetId
    }
    privateLinkServiceConnections: [
      {
        name: name
        properties: {
          privateLinkServiceId: targetResourceId
          groupIds: [groupId]
        }
      }
    ]
  }

  // Registers the endpoint's address in the zone, so the app keeps using the public host name.
  resource dnsZoneGroup 'privateDnsZoneGroups' = {
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: replace(dnsZoneName, '.', '-')
          properties: {
            privateDnsZoneId: zone.id
          }
        }
      ]
    }
  }
}
