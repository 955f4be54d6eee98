@description('Name of the action group that emails the operator.')
param actionGroupName string

@description('Prefix of the alert rules\' names.')
param namePrefix string

@description('Azure region of the alert rules.')
param location string

@description('Tags applied to the action group and the alert rules.')
param tags object

@description('Name of the Application Insights component the app\'s metrics land in.')
param applicationInsightsName string

@description('Email address of the operator who receives the alerts.')
param alertEmailAddress string

@description('403 answers in 15 minutes that count as a burst (a wrong webhook base URL or a rotated auth token).')
@minValue(1)
param forbiddenBurstThreshold int

@description('Days without a single text after which an alert fires; 0 turns the rule off.')
@minValue(0)
@maxValue(6)
param noTextsAlertDays int

@description('Failed or undelivered replies in an hour that raise the "Replies not delivered" alert.')
@minValue(1)
param deliveryFailureThreshold int = 3

@description('Share of advice (percent) that texters called wrong within a day that raises the "Misroutes jumped" alert.')
@minValue(1)
@maxValue(100)
param misrouteSharePercent int = 15

@description('Time of this provisioning (UTC, ISO 8601): rules that need traffic or a first sweep stay quiet for alertGraceHours after it.')
param provisionedAt string

@description('Hours after provisioning during which the rules that need traffic or a first sweep (sweep not running, no texts) cannot fire.')
@minValue(0)
@maxValue(72)
param alertGraceHours int = 2

// A rule that fires on missing rows (a sweep that never reported, a day without texts) would fire at once on a new
// line. During the grace period its query adds one synthetic row, so "fewer than one row" cannot be true.
var graceRow = '| union (print timestamp = now() | where now() < datetime(${provisionedAt}) + ${alertGraceHours}h)'

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource operators 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'textline'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmailAddress
        useCommonAlertSchema: true
      }
    ]
  }
}

// Every rule reads the app's OpenTelemetry metrics (customMetrics, meter InterviewTextLine). Metrics are
// aggregated in the app before export and never sampled, so a rule sees every text the app counted.
resource webhook5xx 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-webhook-5xx'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Webhook answered 5xx'
    description: 'The SMS webhook answered 500 or 503 at least once in 5 minutes: the line failed or missed its deadline, and Twilio called the fallback URL. See docs/operations.md, "Webhook answered 5xx".'
    severity: 1
    enabled: true
    scopes: [applicationInsights.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: '''
customMetrics
| where name == 'textline.webhook.responses'
| where toint(customDimensions.status) >= 500
| project timestamp, responses = valueSum
'''
          timeAggregation: 'Total'
          metricMeasureColumn: 'responses'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [operators.id]
    }
  }
}

resource forbiddenBurst 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-webhook-403-burst'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Burst of 403 answers'
    description: 'Many webhook requests failed the Twilio signature check in 15 minutes: the webhook base URL or the auth token no longer matches what Twilio signs with. See docs/operations.md, "Burst of 403 answers".'
    severity: 1
    enabled: true
    scopes: [applicationInsights.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: '''
customMetrics
| where name == 'textline.webhook.responses'
| where toint(customDimensions.status) == 403
| project timestamp, responses = valueSum
'''
          timeAggregation: 'Total'
          metricMeasureColumn: 'responses'
          operator: 'GreaterThanOrEqual'
          threshold: forbiddenBurstThreshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [operators.id]
    }
  }
}

resource fallbackServed 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-fallback-served'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Fallback served'
    description: 'The fallback URL answered a texter in the last 15 minutes: the main webhook failed for them. See docs/operations.md, "Fallback served".'
    severity: 2
    enabled: true
    scopes: [applicationInsights.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: '''
customMetrics
| where name == 'textline.fallback.served'
| project timestamp, served = valueSum
'''
          timeAggregation: 'Total'
          metricMeasureColumn: 'served'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [operators.id]
    }
  }
}

resource followUpsFailing 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-followups-failing'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Follow-up emails failing'
    description: 'At least one follow-up email was recorded as failed in the last hour. See docs/operations.md, "Follow-up emails failing".'
    severity: 2
    enabled: true
    scopes: [applicationInsights.id]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: '''
customMetrics
| where name == 'textline.followups'
| where tostring(customDimensions.outcome) == 'failed'
| project timestamp, failed = valueSum
'''
          timeAggregation: 'Total'
          metricMeasureColumn: 'failed'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [operators.id]
    }
  }
}

// A failed handoff is a texter who said YES and is waiting for a call that will not come unless someone looks.
resource handoffsFailing 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-handoffs-failing'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Call-back requests failing'
    description: 'At least one request for a person was recorded as failed in the last 15 minutes: a texter is waiting for contact. See docs/operations.md, "Call-back requests failing".'
    severity: 1
    enabled: true
    scopes: [applicationInsights.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: '''
customMetrics
| where name == 'textline.handoffs'
| where tostring(customDimensions.outcome) == 'failed'
| project timestamp, failed = valueSum
'''
          timeAggregation: 'Total'
          metricMeasureColumn: 'failed'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [operators.id]
    }
  }
}

// A run adds to the counter, so each exported row is a minute with at least one run; no row for 30 minutes
// means six missed runs in a row.
resource sweepStalled 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-sweep-stalled'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Follow-up sweep not running'
    description: 'The follow-up sweep has not reported a run for 30 minutes (it runs every 5): due emails are not going out. See docs/operations.md, "Follow-up sweep not running".'
    severity: 1
    enabled: true
    scopes: [applicationInsights.id]
    evaluationFrequency: 'PT10M'
    windowSize: 'PT30M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: format('{0}{1}\n', '''
customMetrics
| where name == 'textline.sweep.runs'
| project timestamp
''', graceRow)
          timeAggregation: 'Count'
          operator: 'LessThan'
          threshold: 1
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [operators.id]
    }
  }
}

// Optional: a quiet line may mean a broken number, campaign or poster rather than a quiet week. Each
// evaluation period is one day, and the rule fires when every one of the last N days had no text.
resource noTexts 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = if (noTextsAlertDays > 0) {
  name: '${namePrefix}-no-texts'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'No texts'
    description: 'The line has handled no text for ${noTextsAlertDays} day(s). See docs/operations.md, "No texts".'
    severity: 3
    enabled: true
    scopes: [applicationInsights.id]
    evaluationFrequency: 'PT6H'
    windowSize: 'P1D'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: format('{0}{1}\n', '''
customMetrics
| where name == 'textline.texts'
| project timestamp
''', graceRow)
          timeAggregation: 'Count'
          operator: 'LessThan'
          threshold: 1
          failingPeriods: {
            numberOfEvaluationPeriods: noTextsAlertDays
            minFailingPeriodsToAlert: noTextsAlertDays
          }
        }
      ]
    }
    actions: {
      actionGroups: [operators.id]
    }
  }
}

// Twilio reports each reply's delivery to /api/sms/status; failed and undelivered ones are counted by error code.
resource deliveryFailures 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-deliveries-failing'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Replies not delivered'
    description: 'At least ${deliveryFailureThreshold} replies failed or were undelivered in the last hour (carrier filtering while A2P registration is pending, unreachable handsets, unknown errors). See docs/operations.md, "Replies not delivered".'
    severity: 2
    enabled: true
    scopes: [applicationInsights.id]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: '''
customMetrics
| where name == 'textline.deliveries'
| where tostring(customDimensions.status) in ('failed', 'undelivered')
| project timestamp, failed = valueSum
'''
          timeAggregation: 'Total'
          metricMeasureColumn: 'failed'
          operator: 'GreaterThanOrEqual'
          threshold: deliveryFailureThreshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [operators.id]
    }
  }
}

// WRONG right after advice is a misroute of the situation that was given. The share is misroutes per situation
// entered over a day, with at least five misroutes, so one texter's WRONG on a quiet day does not page anyone.
resource misroutes 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-misroutes'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Misroutes jumped'
    description: 'Texters called at least ${misrouteSharePercent}% of the advice given in the last day wrong (WRONG or ERROR right after it). See docs/operations.md, "Misroutes jumped".'
    severity: 2
    enabled: true
    scopes: [applicationInsights.id]
    evaluationFrequency: 'PT1H'
    windowSize: 'P1D'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: '''
customMetrics
| where name in ('textline.misroutes', 'textline.situations.entered')
| summarize misroutes = sumif(valueSum, name == 'textline.misroutes'), advice = sumif(valueSum, name == 'textline.situations.entered')
| where misroutes >= 5
| project timestamp = now(), share = 100.0 * misroutes / max_of(advice, 1.0)
'''
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'share'
          operator: 'GreaterThanOrEqual'
          threshold: misrouteSharePercent
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [operators.id]
    }
  }
}

// A published script version the running app refused keeps the old wording live: the operator must know.
resource scriptRefused 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-script-refused'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Published wording refused'
    description: 'The app refused a published script version in the last 15 minutes and kept the previous wording. See docs/operations.md, "Published wording refused".'
    severity: 2
    enabled: true
    scopes: [applicationInsights.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: '''
customMetrics
| where name == 'textline.scripts.versions'
| where tostring(customDimensions.result) == 'refused'
| project timestamp, refused = valueSum
'''
          timeAggregation: 'Total'
          metricMeasureColumn: 'refused'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [operators.id]
    }
  }
}

@description('Resource ID of the action group that emails the operator.')
output actionGroupId string = operators.id
