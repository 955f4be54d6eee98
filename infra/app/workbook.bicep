@description('Azure region of the workbook.')
param location string

@description('Tags applied to the workbook.')
param tags object

@description('Name of the Application Insights component the workbook reads.')
param applicationInsightsName string

@description('Seed of the workbook\'s name (a GUID), so that re-provisioning updates the same workbook.')
param nameSeed string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// The charts read the app's metrics (customMetrics) only: they are aggregated in the app and never sampled.
// Counters are summed over valueSum; a histogram row carries the count, sum, min and max of one export
// interval (no buckets), so its percentiles are of per-interval means and 'slowest' is the true maximum.
var workbookContent = {
  version: 'Notebook/1.0'
  items: [
    {
      type: 1
      name: 'intro'
      content: {
        json: '## InterviewTextLine\nCounts come from the app\'s OpenTelemetry metrics (meter `InterviewTextLine`, table `customMetrics`), which are never sampled. No chart holds a phone number, an address or a message. docs/operations.md explains each chart and alert.'
      }
    }
    {
      type: 9
      name: 'parameters'
      content: {
        version: 'KqlParameterItem/1.0'
        parameters: [
          {
            id: 'time-range'
            version: 'KqlParameterItem/1.0'
            name: 'TimeRange'
            label: 'Time range'
            type: 4
            isRequired: true
            value: {
              durationMs: 604800000
            }
            typeSettings: {
              selectableValues: [
                { durationMs: 86400000 }
                { durationMs: 604800000 }
                { durationMs: 2592000000 }
              ]
              allowCustom: true
            }
          }
        ]
      }
    }
    {
      type: 3
      name: 'texts-per-day'
      content: {
        version: 'KqlItem/1.0'
        title: 'Texts per day, by outcome'
        query: '''
customMetrics
| where name == 'textline.texts'
| summarize texts = sum(valueSum) by bin(timestamp, 1d), outcome = tostring(customDimensions.outcome)
| order by timestamp asc
'''
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'barchart'
        size: 0
        timeContextFromParameter: 'TimeRange'
        timeContext: {
          durationMs: 0
        }
      }
    }
    {
      type: 3
      name: 'new-texters-per-day'
      content: {
        version: 'KqlItem/1.0'
        title: 'New texters per day'
        query: '''
customMetrics
| where name == 'textline.texters.new'
| summarize texters = sum(valueSum) by bin(timestamp, 1d)
| order by timestamp asc
'''
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'barchart'
        size: 0
        timeContextFromParameter: 'TimeRange'
        timeContext: {
          durationMs: 0
        }
      }
    }
    {
      type: 3
      name: 'situations'
      content: {
        version: 'KqlItem/1.0'
        title: 'Situations entered'
        query: '''
customMetrics
| where name == 'textline.situations.entered'
| summarize entered = sum(valueSum) by situation = tostring(customDimensions.situation)
| order by entered desc
'''
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'piechart'
        size: 0
        timeContextFromParameter: 'TimeRange'
        timeContext: {
          durationMs: 0
        }
      }
    }
    {
      type: 3
      name: 'understood-rate'
      content: {
        version: 'KqlItem/1.0'
        title: 'Understood rate (% of texts read as a reply, keyword or situation)'
        query: '''
customMetrics
| where name == 'textline.understanding'
| extend result = tostring(customDimensions.result)
| summarize understood = sumif(valueSum, result == 'understood'), clarifying = sumif(valueSum, result == 'clarifying'), notUnderstood = sumif(valueSum, result == 'not_understood') by bin(timestamp, 1d)
| extend understoodPercent = round(100.0 * understood / (understood + clarifying + notUnderstood), 1)
| project timestamp, understoodPercent
| order by timestamp asc
'''
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'timechart'
        size: 0
        timeContextFromParameter: 'TimeRange'
        timeContext: {
          durationMs: 0
        }
      }
    }
    {
      type: 3
      name: 'funnel'
      content: {
        version: 'KqlItem/1.0'
        title: 'Funnel: conversations per state (entered, left for another state, went quiet there)'
        query: '''
  customMetrics
  | where name in ('textline.funnel.entered', 'textline.funnel.left', 'textline.funnel.quiet')
  | extend step = case(name == 'textline.funnel.entered', 'entered', name == 'textline.funnel.left', 'left', 'quiet')
  | summarize conversations = sum(valueSum) by state = tostring(customDimensions.state), step
  | evaluate pivot(step, sum(conversations))
  | order by state asc
  '''
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'table'
        size: 0
        timeContextFromParameter: 'TimeRange'
        timeContext: {
          durationMs: 0
        }
      }
    }
    {
      type: 3
      name: 'funnel-exits'
      content: {
        version: 'KqlItem/1.0'
        title: 'Funnel: how conversations left each state (state, where to, how)'
        query: '''
  customMetrics
  | where name == 'textline.funnel.left'
  | summarize conversations = sum(valueSum) by state = tostring(customDimensions.state), to = tostring(customDimensions.to), how = tostring(customDimensions.how)
  | order by state asc, conversations desc
  '''
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'table'
        size: 0
        timeContextFromParameter: 'TimeRange'
        timeContext: {
          durationMs: 0
        }
      }
    }
    {
      type: 3
      name: 'understanding-source'
      content: {
        version: 'KqlItem/1.0'
        title: 'How texts were understood, by language (rule, model, question back, not understood)'
        query: '''
  customMetrics
  | where name == 'textline.understanding.source'
  | summarize texts = sum(valueSum) by language = tostring(customDimensions.language), source = tostring(customDimensions.source)
  | order by language asc, source asc
  '''
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'barchart'
        size: 0
        timeContextFromParameter: 'TimeRange'
        timeContext: {
          durationMs: 0
        }
      }
    }
    {
      type: 3
      name: 'question-backs'
      content: {
        version: 'KqlItem/1.0'
        title: 'Question backs answered (% of the texts after a question back that were understood), by language'
        query: '''
  customMetrics
  | where name == 'textline.questionbacks.answered'
  | summarize answered = sumif(valueSum, tostring(customDimensions.answered) == 'yes'), total = sum(valueSum) by language = tostring(customDimensions.language)
  | project language, answered_pct = round(100.0 * answered / max_of(total, 1.0), 1), total
  '''
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'table'
        size: 0
        timeContextFromParameter: 'TimeRange'
        timeContext: {
          durationMs: 0
        }
      }
    }
    {
      type: 3
      name: 'misroutes'
      content: {
        version: 'KqlItem/1.0'
        title: 'Misroutes per situation (WRONG or ERROR right after its advice) and their share of the advice given'
        query: '''
  customMetrics
  | where name in ('textline.misroutes', 'textline.situations.entered')
  | summarize misroutes = sumif(valueSum, name == 'textline.misroutes'), advice = sumif(valueSum, name == 'textline.situations.entered') by situation = tostring(customDimensions.situation)
  | project situation, misroutes, advice, share_pct = round(100.0 * misroutes / max_of(advice, 1.0), 1)
  | order by misroutes desc
  '''
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'table'
        size: 0
        timeContextFromParameter: 'TimeRange'
        timeContext: {
          durationMs: 0
        }
      }
    }
    {
      type: 3
      name: 'deliveries'
      content: {
        version: 'KqlItem/1.0'
        title: 'Replies not delivered, by Twilio error code'
        query: '''
  customMetrics
  | where name == 'textline.deliveries'
  | where tostring(customDimensions.status) in ('failed', 'undelivered')
  | summarize replies = sum(valueSum) by bin(timestamp, 1d), error_code = tostring(customDimensions.error_code)
  | order by timestamp asc
  '''
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'barchart'
        size: 0
        timeContextFromParameter: 'TimeRange'
        timeContext: {
          durationMs: 0
        }
      }
    }
    {
      type: 3
      name: 'script-versions'
      content: {
        version: 'KqlItem/1.0'
        title: 'Published wording: versions switched to and refused'
        query: '''
  customMetrics
  | where name == 'textline.scripts.versions'
  | summarize versions = sum(valueSum) by bin(timestamp, 1h), result = tostring(customDimensions.result)
  | order by timestamp asc
  '''
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'barchart'
        size: 0
        timeContextFromParameter: 'TimeRange'
        timeContext: {
          durationMs: 0
        }
      }
    }
    {
      type: 3
      name: 'optouts'
      content: {
        version: 'KqlItem/1.0'
        title: 'Opt-outs, opt-ins and HELP per day'
        query: '''
customMetrics
| where name in ('textline.optouts', 'textline.optins', 'textline.help')
| summarize texts = sum(valueSum) by bin(timestamp, 1d), name
| order by timestamp asc
'''
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'barchart'
        size: 0
        timeContextFromParameter: 'TimeRange'
        timeContext: {
          durationMs: 0
        }
      }
    }
    {
      type: 3
      name: 'followups'
      content: {
        version: 'KqlItem/1.0'
        title: 'Follow-up emails by outcome'
        query: '''
customMetrics
| where name == 'textline.followups'
| summarize followUps = sum(valueSum) by bin(timestamp, 1d), outcome = tostring(customDimensions.outcome)
| order by timestamp asc
'''
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'barchart'
        size: 0
        timeContextFromParameter: 'TimeRange'
        timeContext: {
          durationMs: 0
        }
      }
    }
    {
      type: 3
      name: 'handoffs'
      content: {
        version: 'KqlItem/1.0'
        title: 'Requests for a person: asked (TALK), consented (YES), sent, and what else became of them'
        query: '''
customMetrics
| where name == 'textline.handoffs'
| summarize handoffs = sum(valueSum) by bin(timestamp, 1d), outcome = tostring(customDimensions.outcome)
| order by timestamp asc
'''
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'barchart'
        size: 0
        timeContextFromParameter: 'TimeRange'
        timeContext: {
          durationMs: 0
        }
      }
    }
    {
      type: 3
      name: 'webhook-status'
      content: {
        version: 'KqlItem/1.0'
        title: 'Webhook answers by status code'
        query: '''
customMetrics
| where name == 'textline.webhook.responses'
| summarize responses = sum(valueSum) by bin(timestamp, 1h), status = tostring(customDimensions.status)
| order by timestamp asc
'''
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'timechart'
        size: 0
        timeContextFromParameter: 'TimeRange'
        timeContext: {
          durationMs: 0
        }
      }
    }
    {
      type: 3
      name: 'handler-latency'
      content: {
        version: 'KqlItem/1.0'
        title: 'Handler latency, ms (p50 and p99 of per-minute means, and the slowest text)'
        query: '''
customMetrics
| where name == 'textline.handler.duration' and valueCount > 0
| summarize p50 = percentilew(valueSum / valueCount, valueCount, 50), p99 = percentilew(valueSum / valueCount, valueCount, 99), slowest = max(valueMax) by bin(timestamp, 1h)
| order by timestamp asc
'''
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'timechart'
        size: 0
        timeContextFromParameter: 'TimeRange'
        timeContext: {
          durationMs: 0
        }
      }
    }
    {
      type: 3
      name: 'classify-latency'
      content: {
        version: 'KqlItem/1.0'
        title: 'Classification latency, ms (p50 and p99 of per-minute means)'
        query: '''
customMetrics
| where name == 'textline.classify.duration' and valueCount > 0
| summarize p50 = percentilew(valueSum / valueCount, valueCount, 50), p99 = percentilew(valueSum / valueCount, valueCount, 99) by bin(timestamp, 1h)
| order by timestamp asc
'''
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'timechart'
        size: 0
        timeContextFromParameter: 'TimeRange'
        timeContext: {
          durationMs: 0
        }
      }
    }
    {
      type: 3
      name: 'fallback'
      content: {
        version: 'KqlItem/1.0'
        title: 'Fallback hits and storage conflicts per hour'
        query: '''
customMetrics
| where name in ('textline.fallback.served', 'textline.storage.conflicts')
| summarize hits = sum(valueSum) by bin(timestamp, 1h), name
| order by timestamp asc
'''
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'barchart'
        size: 0
        timeContextFromParameter: 'TimeRange'
        timeContext: {
          durationMs: 0
        }
      }
    }
    {
      type: 3
      name: 'sweep-runs'
      content: {
        version: 'KqlItem/1.0'
        title: 'Follow-up sweep runs per hour (12 expected)'
        query: '''
customMetrics
| where name == 'textline.sweep.runs'
| summarize runs = sum(valueSum) by bin(timestamp, 1h)
| order by timestamp asc
'''
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'barchart'
        size: 0
        timeContextFromParameter: 'TimeRange'
        timeContext: {
          durationMs: 0
        }
      }
    }
  ]
  isLocked: false
}

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(nameSeed, 'textline-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'InterviewTextLine operations'
    category: 'workbook'
    sourceId: applicationInsights.id
    serializedData: string(workbookContent)
  }
}

@description('Resource ID of the workbook.')
output id string = workbook.id
