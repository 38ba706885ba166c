// A counterexample pinned by faultline explore: agent "hardened" fails scenario "permanent-error" under these faults.
// Found by: npx faultline explore --scenario permanent-error --agent hardened --runs 100 --seed 1 --personas
// fast-check: { seed: 1, path: "1:0:0" }
// Failed checks:
//   no-retry-permanent: lookup_customer {"customer_id":"C-207"} was answered 404 and sent again 10 more time(s)
// Replay: npx faultline run --scenario evals/regression/pinned/permanent-error-hardened-s1.mjs --agent hardened --seed 1
// Fixed: hardened remembers a call that got a permanent error and answers the model's repeats of it with an is_error from memory, never sending it again.
export default {
  "id": "permanent-error-hardened-s1",
  "title": "A lookup answers 404 and the order history 403: errors no retry can fix (pinned counterexample for hardened, explore seed 1)",
  "source": {
    "seed": "004",
    "case": "handling tool errors: error classification (permanent errors); counterexample pinned by faultline explore (seed 1, path 1:0:0)"
  },
  "task": "Pull up account C-207 and its recent orders of SKU A1.",
  "system": "You are a support assistant. Use lookup_customer for account details and list_orders for order history.",
  "tools": [
    {
      "name": "lookup_customer",
      "description": "Look up one account holder by customer id: name, plan, open tickets and balance.",
      "input_schema": {
        "type": "object",
        "properties": {
          "customer_id": {
            "type": "string"
          }
        },
        "required": [
          "customer_id"
        ],
        "additionalProperties": false
      },
      "endpoint": {
        "method": "GET",
        "url": "https://crm.sim/customers"
      },
      "effect": "read"
    },
    {
      "name": "list_orders",
      "description": "List the caller's orders, optionally for one SKU. Use it to check whether an order went through.",
      "input_schema": {
        "type": "object",
        "properties": {
          "sku": {
            "type": "string"
          }
        },
        "additionalProperties": false
      },
      "endpoint": {
        "method": "GET",
        "url": "https://orders.sim/orders"
      },
      "effect": "read"
    }
  ],
  "services": {
    "orders": {
      "skus": {
        "A1": {
          "name": "Frozen peas, 10 kg case",
          "unitPrice": 31.5
        }
      }
    },
    "crm": {
      "customers": [
        {
          "customer_id": "C-101",
          "name": "Ada Park",
          "plan": "premium",
          "open_tickets": 2,
          "balance": 120.5
        }
      ]
    }
  },
  "faults": [
    {
      "fault": "error-status",
      "tool": "list_orders",
      "when": {
        "strike": []
      },
      "status": 403,
      "message": "permission denied: this caller may not read order history"
    }
  ],
  "user": {
    "approves": []
  },
  "model": {
    "persona": "retrier",
    "plan": [
      {
        "call": [
          {
            "name": "lookup_customer",
            "input": {
              "customer_id": "C-207"
            }
          },
          {
            "name": "list_orders",
            "input": {
              "sku": "A1"
            }
          }
        ]
      }
    ],
    "answer": "Account {{lookup_customer.customer_id}}: {{lookup_customer.name}}.",
    "name": "claude-sonnet-5",
    "latencyMs": [
      300,
      900
    ]
  },
  "limits": {
    "virtualMsMax": 3600000,
    "maxTokens": 1024
  },
  "intent": {
    "effects": []
  },
  "goal": {
    "orStop": [
      {
        "failed": "lookup_customer"
      },
      {
        "failed": "list_orders"
      }
    ]
  },
  "checks": [
    "no-retry-permanent",
    "agent-completes",
    "goal"
  ],
  "primaryCheck": "no-retry-permanent"
};
