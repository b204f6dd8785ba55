// Tracking plans in the shapes Segment's tools produce (facts: the Public API's rule
// `{ key, type, version, jsonSchema }` wrapping the whole event; Typewriter's plan.json, which
// keeps Public API rules unwrapped under `eventMetadata`; the Config API's `rules.events[].rules`).

/** A Public API rule for a track event: its schema describes the whole event. */
export const orderCompleted = (version = 1, required = ['order_id', 'total']) => ({
  key: 'Order Completed',
  type: 'TRACK',
  version,
  jsonSchema: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: {
      context: {},
      traits: {},
      properties: {
        type: 'object',
        properties: {
          order_id: { type: 'string' },
          total: { type: 'number' },
          currency: { type: 'string', enum: ['USD', 'EUR'] },
          coupon: { type: 'string', pattern: '^[A-Z]+$' },
          ...(version > 1 ? { subtotal: { type: 'number' } } : {}),
        },
        required,
      },
    },
    required: ['properties'],
  },
})

export const commonRule = {
  type: 'COMMON',
  version: 1,
  jsonSchema: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: { context: { type: 'object', properties: { locale: { type: 'string', pattern: '^[a-z]{2}-[A-Z]{2}$' } } } },
  },
}

export const identifyRule = {
  type: 'IDENTIFY',
  version: 1,
  jsonSchema: {
    type: 'object',
    properties: { traits: { type: 'object', properties: { email: { type: 'string' }, plan: { enum: ['free', 'pro'] } } } },
  },
}

export const publicApiRules = [orderCompleted(1), orderCompleted(2, ['order_id', 'total', 'subtotal']), commonRule, identifyRule]

/** Typewriter's plan.json: a Public API rule saved unwrapped. */
export const typewriterPlan = {
  id: 'tp_1',
  name: 'Web',
  rules: [
    {
      key: 'Signed Up',
      type: 'TRACK',
      version: 1,
      jsonSchema: {
        $schema: 'http://json-schema.org/draft-07/schema#',
        eventMetadata: { name: 'Signed Up', type: 'TRACK' },
        labels: {},
        properties: { plan: { type: 'string', enum: ['free', 'pro'] } },
        // The wrapper's required, left behind when the properties had none of their own.
        required: ['properties'],
        type: 'object',
      },
    },
  ],
}

/** The Config API's shape (also Typewriter 7's plan.json). */
export const configApiPlan = {
  name: 'workspaces/w/tracking-plans/rs_1',
  display_name: 'Demo',
  rules: {
    events: [
      {
        name: 'Sign In Failed',
        version: 1,
        rules: {
          $schema: 'http://json-schema.org/draft-07/schema#',
          type: 'object',
          properties: { properties: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
          required: ['properties'],
        },
      },
    ],
    identify: { type: 'object', properties: { traits: { type: 'object', properties: { name: { type: 'string' } } } } },
    group: { type: 'object', properties: { traits: { type: 'object' } } },
    global: { type: 'object', properties: { context: { type: 'object' } } },
  },
}
