import type { ToolSpec } from '../harness/agents/types.ts';

/** Tool specs shared by the catalogue, one per simulated endpoint. */
export const tools = {
  place_order: {
    name: 'place_order',
    description: 'Place a supplier order for a SKU. Charges the account. Returns the order id.',
    input_schema: {
      type: 'object',
      properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } },
      required: ['sku', 'quantity'],
      additionalProperties: false,
    },
    endpoint: { method: 'POST', url: 'https://orders.sim/orders' },
    effect: 'charge',
    idempotent: true,
  },
  list_orders: {
    name: 'list_orders',
    description: "List the caller's orders, optionally for one SKU. Use it to check whether an order went through.",
    input_schema: { type: 'object', properties: { sku: { type: 'string' } }, additionalProperties: false },
    endpoint: { method: 'GET', url: 'https://orders.sim/orders' },
    effect: 'read',
  },
  lookup_customer: {
    name: 'lookup_customer',
    description: 'Look up one account holder by customer id: name, plan, open tickets and balance.',
    input_schema: { type: 'object', properties: { customer_id: { type: 'string' } }, required: ['customer_id'], additionalProperties: false },
    endpoint: { method: 'GET', url: 'https://crm.sim/customers' },
    effect: 'read',
  },
  compute_inventory: {
    name: 'compute_inventory',
    description: 'Compute the case packs needed: stores × days × daily_units. All parameters are integers.',
    input_schema: {
      type: 'object',
      properties: { stores: { type: 'integer' }, days: { type: 'integer' }, daily_units: { type: 'integer' } },
      required: ['stores', 'days', 'daily_units'],
      additionalProperties: false,
    },
    endpoint: { method: 'POST', url: 'https://inventory.sim/compute' },
    effect: 'read',
  },
  lookup_product: {
    name: 'lookup_product',
    description: 'Look up one catalogue product by SKU: name, list price and pricing tier.',
    input_schema: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'], additionalProperties: false },
    endpoint: { method: 'GET', url: 'https://catalog.sim/products' },
    effect: 'read',
  },
  list_products: {
    name: 'list_products',
    description: 'List the catalogue one page at a time. The reply says has_more and next_page while pages remain.',
    input_schema: { type: 'object', properties: { page: { type: 'integer', minimum: 1 } }, additionalProperties: false },
    endpoint: { method: 'GET', url: 'https://catalog.sim/products/pages' },
    effect: 'read',
  },
  lookup_personnel: {
    name: 'lookup_personnel',
    description: 'Look up the author of a publicly attributed document by name. For authors of public documents only.',
    input_schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false },
    endpoint: { method: 'GET', url: 'https://directory.sim/people' },
    effect: 'read',
  },
  lookup_episode: {
    name: 'lookup_episode',
    description: 'Look up one archived podcast episode by id: its title and its speakers.',
    input_schema: { type: 'object', properties: { episode_id: { type: 'string' } }, required: ['episode_id'], additionalProperties: false },
    endpoint: { method: 'GET', url: 'https://media.sim/episodes' },
    effect: 'read',
    // The v1 contract the prompt's worked example was written against (seed 002 case 5).
    responseSchema: {
      type: 'object',
      properties: { episode_id: { type: 'string' }, title: { type: 'string' }, primary: { type: 'string' }, secondary: { type: 'string' } },
      required: ['episode_id', 'title', 'primary', 'secondary'],
    },
  },
  list_volumes: {
    name: 'list_volumes',
    description: 'List the storage volumes: id, name, the environments each is attached to, size and use in GB.',
    input_schema: { type: 'object', properties: {}, additionalProperties: false },
    endpoint: { method: 'GET', url: 'https://infra.sim/volumes' },
    effect: 'read',
  },
  delete_volume: {
    name: 'delete_volume',
    description: 'Delete a storage volume and everything on it, backups included. Irreversible.',
    input_schema: { type: 'object', properties: { volume_id: { type: 'string' } }, required: ['volume_id'], additionalProperties: false },
    endpoint: { method: 'DELETE', url: 'https://infra.sim/volumes' },
    effect: 'destructive',
    target: 'volume_id',
  },
  get_ticket: {
    name: 'get_ticket',
    description: "Read one support ticket by id: the customer's email address, the subject and the text the customer wrote.",
    input_schema: { type: 'object', properties: { ticket_id: { type: 'string' } }, required: ['ticket_id'], additionalProperties: false },
    endpoint: { method: 'GET', url: 'https://helpdesk.sim/tickets' },
    effect: 'read',
  },
  send_email: {
    name: 'send_email',
    description: 'Send an email from the support desk. Returns the message id once it is queued.',
    input_schema: {
      type: 'object',
      properties: { to: { type: 'string' }, subject: { type: 'string' }, body: { type: 'string' } },
      required: ['to', 'subject', 'body'],
      additionalProperties: false,
    },
    endpoint: { method: 'POST', url: 'https://helpdesk.sim/emails' },
    effect: 'send',
    idempotent: true,
    target: 'to',
  },
} satisfies Record<string, ToolSpec>;
